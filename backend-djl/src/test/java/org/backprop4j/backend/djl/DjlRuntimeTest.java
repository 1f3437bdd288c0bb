package org.backprop4j.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.Utils;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlRuntimeTest {

    @Test
    void loadsOfflineWithUsageTrackingOffUnlessTheEnvironmentSaysOtherwise() {
        DjlRuntime.engine();

        String offline = System.getenv(DjlRuntime.OFFLINE_ENVIRONMENT);
        String tracking = System.getenv(DjlRuntime.TRACKING_OPT_OUT);
        assertEquals(offline == null || Boolean.parseBoolean(offline), Utils.isOfflineMode());
        assertEquals(
                tracking == null ? "true" : tracking,
                Utils.getEnvOrSystemProperty(DjlRuntime.TRACKING_OPT_OUT));
    }

    @Test
    void propertiesNameTheVersionsThreadsAndDataTypes() {
        Map<String, String> properties = Backends.get("djl").properties();

        assertEquals("2.7.1", properties.get("pytorch"));
        assertEquals("0.36.0", properties.get("djl"));
        assertThreads("ai.djl.pytorch.num_threads", properties.get("threads"));
        assertThreads("ai.djl.pytorch.num_interop_threads", properties.get("interop"));
        assertEquals(Set.of(DType.FLOAT32, DType.FLOAT64), Backends.get("djl").dtypes());
        assertTrue(Files.isDirectory(Path.of(properties.get("libtorch"))));
    }

    /** A positive count, the one that DJL's {@code property} asked for when it is set. */
    private static void assertThreads(String property, String threads) {
        int count = Integer.parseInt(threads);
        assertTrue(count > 0, threads);
        Integer requested = Integer.getInteger(property);
        if (requested != null) {
            assertEquals(requested.intValue(), count, property);
        }
    }

    /**
     * Without the native jar DJL's only way to libtorch is a download; in a JVM of its own with an
     * empty cache, that attempt must fail and the provider say why, leaving the cache empty.
     */
    @Test
    void withoutTheNativeJarItIsUnavailableAndDownloadsNothing(@TempDir Path cache)
            throws IOException, InterruptedException {
        String output = probeWithout("pytorch-native-cpu", cache);

        assertTrue(output.contains("djl"), output);
        assertTrue(output.contains("unavailable: PyTorch (through DJL) failed to load"), output);
        assertTrue(output.contains("Offline mode is enabled"), output);
        try (Stream<Path> files = Files.walk(cache)) {
            assertFalse(files.anyMatch(Files::isRegularFile), "nothing may land in the cache");
        }
    }

    @Test
    void withoutDjlAtAllDiscoveryStillFindsTheOthers(@TempDir Path cache)
            throws IOException, InterruptedException {
        String output = probeWithout("ai" + File.separator + "djl", cache);

        assertTrue(output.contains("naive"), output);
        assertTrue(output.contains("NoClassDefFoundError: ai/djl/"), output);
        assertTrue(output.contains("needs ai.djl:api"), output);
    }

    /** Runs {@link OfflineProbe} in a new JVM whose class path lacks entries containing a text. */
    private static String probeWithout(String excluded, Path cache)
            throws IOException, InterruptedException {
        String classPath =
                Arrays.stream(testClassPath().split(File.pathSeparator))
                        .filter(entry -> !entry.contains(excluded))
                        .collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder =
                new ProcessBuilder(java.toString(), "-cp", classPath, OfflineProbe.class.getName())
                        .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        List.of("DJL_OFFLINE", "ENGINE_CACHE_DIR", "PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION")
                .forEach(environment::remove);
        environment.put("DJL_CACHE_DIR", cache.toString());

        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    /** Surefire starts tests from a manifest-only jar and names the real class path here. */
    private static String testClassPath() {
        return System.getProperty(
                "surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
