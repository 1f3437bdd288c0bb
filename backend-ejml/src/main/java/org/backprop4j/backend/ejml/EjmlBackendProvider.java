package org.backprop4j.backend.ejml;

import java.lang.System.Logger.Level;
import org.backprop4j.backend.Availability;
import org.backprop4j.backend.BackendProvider;
import org.backprop4j.tensor.Backend;

/**
 * Provides the {@link EjmlBackend}, named {@value EjmlBackend#NAME}, with priority {@value
 * #PRIORITY}: above the naive reference, below backends on native BLAS.
 *
 * <p>It is available when EJML's dense row-major classes load; otherwise the reason names the class
 * that failed and the artifacts to add. The answer is probed once and cached. Thread safe.
 */
public final class EjmlBackendProvider implements BackendProvider {

    /** The rank of this backend among available ones when none is named. */
    public static final int PRIORITY = 10;

    private static final System.Logger LOG = System.getLogger(EjmlBackendProvider.class.getName());

    /** Classes the backend needs, one from each EJML artifact it depends on. */
    private static final String[] REQUIRED_CLASSES = {
        "org.ejml.EjmlVersion",
        "org.ejml.dense.row.CommonOps_DDRM",
        "org.ejml.dense.row.CommonOps_FDRM"
    };

    private final ClassLoader loader;
    private volatile Availability availability;

    /** The provider that {@link java.util.ServiceLoader} instantiates; it does no work here. */
    public EjmlBackendProvider() {
        this(EjmlBackendProvider.class.getClassLoader());
    }

    /** A provider that looks for EJML through {@code loader}; for tests of the unavailable case. */
    EjmlBackendProvider(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public String name() {
        return EjmlBackend.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        Availability known = availability;
        if (known == null) {
            known = probe();
            availability = known;
        }
        return known;
    }

    private Availability probe() {
        for (String name : REQUIRED_CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.log(Level.DEBUG, "EJML class " + name + " did not load", e);
                return Availability.unavailable(
                        "EJML class "
                                + name
                                + " did not load ("
                                + e
                                + "); put org.ejml:ejml-ddense and org.ejml:ejml-fdense"
                                + " on the class path",
                        e);
            }
        }
        return Availability.available();
    }

    @Override
    public Backend create() {
        return new EjmlBackend();
    }

    /**
     * The version of the EJML on the class path. Read reflectively because javac inlines the
     * constant {@code EjmlVersion.VERSION}, which would report the version compiled against.
     */
    static String ejmlVersion() {
        try {
            return String.valueOf(
                    Class.forName("org.ejml.EjmlVersion").getField("VERSION").get(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(Level.DEBUG, "EJML's version could not be read", e);
            return "unknown";
        }
    }

    @Override
    public String toString() {
        return "EjmlBackendProvider[" + EjmlBackend.NAME + ", priority " + PRIORITY + "]";
    }
}
