package org.backprop4j.backend.nd4j;

import java.lang.System.Logger.Level;
import org.backprop4j.backend.Availability;
import org.backprop4j.backend.BackendProvider;
import org.backprop4j.tensor.Backend;

/**
 * Provides the {@link Nd4jBackend} as {@code nd4j}, with priority 20: preferred over the naive
 * reference (0) when none is named.
 *
 * <p>The constructor does nothing; {@link #availability()} loads ND4J's native library once and
 * caches the answer. When the load fails (no binaries for this platform, a CPU without the
 * instructions they were built for, a damaged {@code ~/.javacpp/cache}), the backend is reported
 * unavailable with the failure, and the other backends are unaffected. Safe to use from many
 * threads.
 */
public final class Nd4jBackendProvider implements BackendProvider {

    /** The rank among available backends when none is named. */
    public static final int PRIORITY = 20;

    private static final System.Logger LOG = System.getLogger(Nd4jBackendProvider.class.getName());

    private final Nd4jNativeLoader loader;
    private Availability availability;

    /** The provider that {@link java.util.ServiceLoader} instantiates. */
    public Nd4jBackendProvider() {
        this(Nd4jNativeLoader.ND4J);
    }

    /** A provider whose native loading step is {@code loader}; for tests. */
    Nd4jBackendProvider(Nd4jNativeLoader loader) {
        this.loader = loader;
    }

    @Override
    public String name() {
        return Nd4jBackend.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** Loads the native library on the first call; later calls return the same answer. */
    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            availability = probe();
        }
        return availability;
    }

    private Availability probe() {
        try {
            loader.load();
            LOG.log(Level.DEBUG, "ND4J native CPU backend loaded");
            return Availability.available();
        } catch (UnsatisfiedLinkError
                | ExceptionInInitializerError
                | NoClassDefFoundError
                | RuntimeException e) {
            LOG.log(Level.DEBUG, "ND4J failed to load", e);
            return Availability.unavailable(
                    "ND4J's native library failed to load on "
                            + System.getProperty("os.name")
                            + " "
                            + System.getProperty("os.arch")
                            + " ("
                            + e
                            + "); build with -Dnative.platform set to this platform's JavaCPP"
                            + " classifier (such as linux-x86_64 or macosx-arm64), or select"
                            + " another backend",
                    e);
        }
    }

    /**
     * Creates the backend.
     *
     * @throws IllegalStateException if {@link #availability()} reports it unavailable
     */
    @Override
    public Backend create() {
        Availability known = availability();
        if (!known.isAvailable()) {
            throw new IllegalStateException(
                    "Backend '" + Nd4jBackend.NAME + "' is unavailable: " + known.reason().get());
        }
        return new Nd4jBackend();
    }
}
