package org.backprop4j.guides.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.backprop4j.backend.Availability;
import org.backprop4j.backend.BackendProvider;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.BackendUnavailableException;
import org.backprop4j.tensor.Backend;

/**
 * Provides the {@link CountingBackend} as {@value CountingBackend#NAME}, wrapping the backend that
 * the system property {@value #DELEGATE_PROPERTY} names ({@value #DEFAULT_DELEGATE} when unset).
 *
 * <p>Its priority, {@value #PRIORITY}, is below the naive reference's 0: counting is a diagnostic
 * that a user asks for by name ({@code --backend counting}), never the backend one gets by default.
 *
 * <p>{@link #availability()} starts the delegate, through a registry of its own of the other
 * backends on this class's class path, since a backend that cannot start cannot be wrapped; the
 * answer and the delegate are kept. So the delegate is an instance apart from the one that {@code
 * Backends.get} returns, and tensors do not pass between the two. The constructor does no work.
 * Thread safe.
 */
public final class CountingBackendProvider implements BackendProvider {

    /** The system property that names the backend to wrap. */
    public static final String DELEGATE_PROPERTY = "backprop4j.counting.delegate";

    /** The backend wrapped when {@value #DELEGATE_PROPERTY} is unset. */
    public static final String DEFAULT_DELEGATE = "naive";

    /** The rank among available backends when none is named: below every real backend. */
    public static final int PRIORITY = -1;

    private final Supplier<String> delegateName;
    private Availability availability;
    private Backend delegate;

    /** The provider that {@link java.util.ServiceLoader} instantiates; it does no work. */
    public CountingBackendProvider() {
        this(() -> System.getProperty(DELEGATE_PROPERTY, DEFAULT_DELEGATE));
    }

    /** A provider that wraps the backend {@code delegateName} names when it is first probed. */
    CountingBackendProvider(Supplier<String> delegateName) {
        this.delegateName = delegateName;
    }

    @Override
    public String name() {
        return CountingBackend.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** Available when the delegate starts; otherwise the reason names it and the property. */
    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            availability = startDelegate();
        }
        return availability;
    }

    /**
     * A counting backend around the delegate.
     *
     * @throws IllegalStateException if {@link #availability()} reports it unavailable
     */
    @Override
    public synchronized Backend create() {
        Availability known = availability();
        if (!known.isAvailable()) {
            throw new IllegalStateException(
                    "Backend '" + CountingBackend.NAME + "' is unavailable: " + known);
        }
        return new CountingBackend(delegate);
    }

    private Availability startDelegate() {
        String name = delegateName.get().strip().toLowerCase(Locale.ROOT);
        if (name.equals(CountingBackend.NAME)) {
            return Availability.unavailable(
                    DELEGATE_PROPERTY
                            + " names '"
                            + name
                            + "' itself; set it to the backend to wrap, such as naive or nd4j");
        }
        try {
            delegate = otherBackends().get(name);
            return Availability.available();
        } catch (ServiceConfigurationError e) {
            return Availability.unavailable(
                    "a backend provider on the class path failed to load (" + e + ")", e);
        } catch (BackendUnavailableException e) {
            return Availability.unavailable(
                    "the backend to wrap, '"
                            + name
                            + "' (from "
                            + DELEGATE_PROPERTY
                            + "), cannot start: "
                            + e.getMessage()
                            + " Set "
                            + DELEGATE_PROPERTY
                            + " to an available backend",
                    e);
        }
    }

    /**
     * The other backends on this class's class path, in a registry of their own. Counting providers
     * are left out: a registry that reports an unknown name probes every backend it holds, and
     * probing a counting provider there would start this search again, without end.
     */
    private static BackendRegistry otherBackends() {
        ClassLoader loader = CountingBackendProvider.class.getClassLoader();
        List<BackendProvider> others = new ArrayList<>();
        for (ServiceLoader.Provider<BackendProvider> found :
                ServiceLoader.load(BackendProvider.class, loader).stream().toList()) {
            if (found.type() != CountingBackendProvider.class) {
                others.add(found.get());
            }
        }
        return BackendRegistry.of(others.toArray(BackendProvider[]::new));
    }
}
