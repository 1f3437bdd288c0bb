package org.backprop4j.backend.djl;

import java.util.concurrent.Callable;
import org.backprop4j.backend.Availability;
import org.backprop4j.backend.BackendProvider;
import org.backprop4j.tensor.Backend;

/**
 * Provides the {@link DjlBackend} as {@code djl}, with priority 5: PyTorch is the yardstick other
 * backends are measured against, not the default a user gets when naming none.
 *
 * <p>{@link #availability()} loads PyTorch's native libraries (a few seconds the first time, while
 * DJL unpacks them into its cache) and reports any failure as the reason the backend is
 * unavailable; the answer is kept. This class touches no DJL type until then, so discovery works
 * even when the DJL jars are missing.
 */
public final class DjlBackendProvider implements BackendProvider {

    private static final String MISSING_CLASSES =
            "It needs ai.djl:api, ai.djl.pytorch:pytorch-engine and ai.djl.pytorch:pytorch-jni on"
                    + " the class path";

    private static final String MISSING_NATIVES =
            "It needs ai.djl.pytorch:pytorch-native-cpu with this platform's classifier on the"
                    + " class path (build with -Dpytorch.platform=linux-x86_64, linux-aarch64,"
                    + " osx-aarch64 or win-x86_64), or PYTORCH_LIBRARY_PATH naming a folder that"
                    + " holds the libtorch that ai.djl.pytorch:pytorch-jni was built for";

    private final Callable<?> engineLoader;
    private Availability availability;

    /** The provider that {@link java.util.ServiceLoader} instantiates; it does no work. */
    public DjlBackendProvider() {
        // A lambda, not a method reference, so that DjlRuntime and DJL resolve only when it runs.
        this(() -> DjlRuntime.engine());
    }

    /** A provider whose engine comes from {@code engineLoader}, so tests can make it fail. */
    DjlBackendProvider(Callable<?> engineLoader) {
        this.engineLoader = engineLoader;
    }

    @Override
    public String name() {
        return DjlBackend.NAME;
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            availability = probe();
        }
        return availability;
    }

    private Availability probe() {
        try {
            engineLoader.call();
            return Availability.available();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return Availability.unavailable(reason(e), e);
        }
    }

    /** The failure, its innermost cause (often the linker's own words), and what to do about it. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "PyTorch (through DJL) failed to load on "
                + System.getProperty("os.name")
                + " "
                + System.getProperty("os.arch")
                + " ("
                + sentence(failure)
                + (root == failure ? "" : "; caused by " + sentence(root))
                + "). "
                + (failure instanceof NoClassDefFoundError ? MISSING_CLASSES : MISSING_NATIVES);
    }

    private static String sentence(Throwable failure) {
        String text = failure.toString();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public Backend create() {
        return new DjlBackend(DjlRuntime.engine());
    }
}
