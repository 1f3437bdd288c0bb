package org.backprop4j.backend;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.backprop4j.tensor.Backend;

/**
 * The backends that discovery found, and the rules that pick one.
 *
 * <p>A backend is chosen by name in code ({@link #get(String)}); else ({@link #select()}) by the
 * system property {@value #PROPERTY}, then the environment variable {@value #ENVIRONMENT}, then as
 * the available backend of highest priority, ties broken by name so the choice is deterministic.
 * {@link #explain()} says which candidates were seen, which won and why.
 *
 * <p>Providers come from {@link ServiceLoader} ({@link #load()}, or {@link #load(ClassLoader)} for
 * a plugin's class loader) or by hand ({@link #of}, {@link #with}). A provider that cannot be
 * instantiated or whose availability check throws is reported, never fatal to the others; two
 * different providers of one name fail loudly. Availability is probed lazily, once per provider, so
 * naming the naive backend never loads another backend's native code. Each backend is created once
 * per registry; a registry is safe to share between threads.
 */
public final class BackendRegistry {

    /** The system property that names the backend to use. */
    public static final String PROPERTY = "backprop4j.backend";

    /** The environment variable that names the backend to use, if the property does not. */
    public static final String ENVIRONMENT = "BACKPROP4J_BACKEND";

    private static final System.Logger LOG = System.getLogger(BackendRegistry.class.getName());

    private final Map<String, Entry> entries;
    private final List<String> broken;
    private final Map<String, Backend> created = new ConcurrentHashMap<>();

    private BackendRegistry(Map<String, Entry> entries, List<String> broken) {
        this.entries = entries;
        this.broken = broken;
    }

    /** Discovers providers through the thread's context class loader, or this class's. */
    public static BackendRegistry load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : BackendRegistry.class.getClassLoader());
    }

    /** Discovers the providers that {@code loader} sees, as a plugin host would. */
    public static BackendRegistry load(ClassLoader loader) {
        List<BackendProvider> providers = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        Iterator<BackendProvider> found =
                ServiceLoader.load(BackendProvider.class, loader).iterator();
        while (true) {
            try {
                if (!found.hasNext()) {
                    break;
                }
                providers.add(found.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(Level.DEBUG, "A backend provider failed to load", e);
                broken.add(e.toString());
            }
        }
        return build(providers, broken);
    }

    /** A registry of exactly these providers, registered by hand. */
    public static BackendRegistry of(BackendProvider... providers) {
        return build(List.of(providers), List.of());
    }

    /** A new registry with this one's providers and {@code provider}. */
    public BackendRegistry with(BackendProvider provider) {
        List<BackendProvider> providers = new ArrayList<>();
        entries.values().forEach(entry -> providers.add(entry.provider));
        providers.add(provider);
        return build(providers, broken);
    }

    private static BackendRegistry build(List<BackendProvider> providers, List<String> broken) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (BackendProvider provider : providers) {
            Objects.requireNonNull(provider, "provider");
            String name = provider.name().toLowerCase(Locale.ROOT);
            Entry previous = entries.get(name);
            if (previous != null && previous.provider.getClass() == provider.getClass()) {
                continue; // the same provider listed twice, as merged service files can do
            }
            if (previous != null) {
                throw new IllegalStateException(
                        "Two backend providers are named '"
                                + name
                                + "': "
                                + previous.provider.getClass().getName()
                                + " and "
                                + provider.getClass().getName()
                                + "; remove one from the class path");
            }
            LOG.log(Level.DEBUG, () -> "Found backend provider " + name + ": " + provider);
            entries.put(name, new Entry(name, provider));
        }
        return new BackendRegistry(entries, List.copyOf(broken));
    }

    /** Every backend seen, most preferred first, with its availability (probing all of them). */
    public List<BackendCandidate> candidates() {
        return ordered().stream().map(Entry::candidate).collect(Collectors.toList());
    }

    /** Providers that could not be instantiated, as the errors that said so. */
    public List<String> brokenProviders() {
        return broken;
    }

    /**
     * The backend called {@code name}, created on first use.
     *
     * @throws BackendUnavailableException if no provider has that name, or it cannot start here;
     *     the message lists every backend and why the unavailable ones are
     */
    public Backend get(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        Entry entry = entries.get(key);
        if (entry == null) {
            throw new BackendUnavailableException(
                    "Unknown backend '" + name + "'. " + describeAll());
        }
        Availability availability = entry.availability();
        if (!availability.isAvailable()) {
            throw new BackendUnavailableException(
                    "Backend '"
                            + key
                            + "' is unavailable: "
                            + availability.reason().orElseThrow()
                            + ". "
                            + describeAll(),
                    availability.cause().orElse(null));
        }
        return created.computeIfAbsent(key, k -> create(entry));
    }

    /** The backend that {@link #explain()} picks. */
    public Backend select() {
        return get(explain().name());
    }

    /** Which backend {@link #select()} picks, and why. */
    public BackendSelection explain() {
        return explain(System::getProperty, System::getenv);
    }

    /** As {@link #explain()}, with the property and environment read from the given lookups. */
    BackendSelection explain(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String fromProperty = properties.apply(PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return new BackendSelection(
                    fromProperty.trim().toLowerCase(Locale.ROOT),
                    "named by system property " + PROPERTY + "=" + fromProperty);
        }
        String fromEnvironment = environment.apply(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new BackendSelection(
                    fromEnvironment.trim().toLowerCase(Locale.ROOT),
                    "named by environment variable " + ENVIRONMENT + "=" + fromEnvironment);
        }
        List<String> passedOver = new ArrayList<>();
        for (Entry entry : ordered()) {
            Availability availability = entry.availability();
            if (availability.isAvailable()) {
                String reason = "highest priority available (" + entry.provider.priority() + ")";
                if (!passedOver.isEmpty()) {
                    reason += "; passed over " + String.join(", ", passedOver);
                }
                return new BackendSelection(entry.name, reason);
            }
            passedOver.add(entry.name + " (" + availability + ")");
        }
        throw new BackendUnavailableException("No backend is available. " + describeAll());
    }

    private List<Entry> ordered() {
        List<Entry> ordered = new ArrayList<>(entries.values());
        ordered.sort(
                Comparator.comparingInt((Entry entry) -> -entry.provider.priority())
                        .thenComparing(entry -> entry.name));
        return ordered;
    }

    private String describeAll() {
        if (entries.isEmpty() && broken.isEmpty()) {
            return "No backend was found: put a backend jar such as backprop4j-backend-naive on"
                    + " the class path.";
        }
        StringBuilder text = new StringBuilder("Backends: ");
        List<String> parts = new ArrayList<>();
        for (Entry entry : ordered()) {
            parts.add(entry.name + " (" + entry.availability() + ")");
        }
        for (String error : broken) {
            parts.add("a provider that failed to load (" + error + ")");
        }
        return text.append(String.join("; ", parts)).append('.').toString();
    }

    private static Backend create(Entry entry) {
        try {
            Backend backend = entry.provider.create();
            LOG.log(Level.DEBUG, () -> "Created backend " + entry.name);
            return backend;
        } catch (RuntimeException | LinkageError e) {
            throw new BackendUnavailableException(
                    "Backend '" + entry.name + "' failed to start: " + e, e);
        }
    }

    /** A provider with its availability, probed once. */
    private static final class Entry {
        private final String name;
        private final BackendProvider provider;
        private volatile Availability availability;

        Entry(String name, BackendProvider provider) {
            this.name = name;
            this.provider = provider;
        }

        Availability availability() {
            Availability known = availability;
            if (known == null) {
                known = probe();
                availability = known;
            }
            return known;
        }

        private Availability probe() {
            try {
                Availability answer = provider.availability();
                return answer != null
                        ? answer
                        : Availability.unavailable("its provider answered null availability");
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.DEBUG, () -> "Availability check of " + name + " threw", e);
                return Availability.unavailable("its availability check threw " + e, e);
            }
        }

        BackendCandidate candidate() {
            return new BackendCandidate(
                    name,
                    provider.priority(),
                    availability(),
                    provider.getClass().getName(),
                    provider);
        }
    }
}
