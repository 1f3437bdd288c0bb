package org.backprop4j.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtEngineProvider;

/**
 * Starts DJL's PyTorch engine the way this backend needs it: offline and without usage tracking.
 *
 * <p>DJL reads its switches from system properties or environment variables, and the first use of
 * {@link Engine} already acts on them (its class initializer calls home), so they are set here
 * before any DJL class initializes. A switch the user has set, as a property or in the environment,
 * is left as it is.
 */
final class DjlRuntime {

    /** DJL's offline switch: any download it attempts fails with "Offline mode is enabled". */
    static final String OFFLINE_PROPERTY = "ai.djl.offline";

    /** The environment variable that DJL reads for offline mode before the property. */
    static final String OFFLINE_ENVIRONMENT = "DJL_OFFLINE";

    /** DJL's usage-tracking opt-out, read from the environment first, then as a property. */
    static final String TRACKING_OPT_OUT = "OPT_OUT_TRACKING";

    private static final System.Logger LOG = System.getLogger(DjlRuntime.class.getName());

    private DjlRuntime() {}

    /**
     * The PyTorch engine, loading its native libraries on the first call: from the {@code
     * pytorch-native-cpu} jar on the class path into DJL's cache, never from the network.
     *
     * @throws ai.djl.engine.EngineException or a {@link LinkageError} when PyTorch cannot load
     */
    static Engine engine() {
        setUnlessDecided(OFFLINE_PROPERTY, OFFLINE_ENVIRONMENT, "true");
        setUnlessDecided(TRACKING_OPT_OUT, TRACKING_OPT_OUT, "true");

        // DJL finds the native jar through the context class loader; in a plugin host that may
        // not be the loader that holds DJL, so point it at the one that does while loading.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(DjlRuntime.class.getClassLoader());
        try {
            return new PtEngineProvider().getEngine();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void setUnlessDecided(String property, String environment, String value) {
        if (System.getenv(environment) != null || System.getProperty(property) != null) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () -> "DJL setting " + property + " left as the user set it");
            return;
        }
        System.setProperty(property, value);
    }
}
