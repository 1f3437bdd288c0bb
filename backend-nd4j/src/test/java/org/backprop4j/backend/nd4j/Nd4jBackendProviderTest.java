package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.backprop4j.backend.Availability;
import org.backprop4j.backend.BackendCandidate;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.BackendUnavailableException;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Nd4jBackendProviderTest {

    /** What JavaCPP, ND4J's static initializers and its backend discovery throw when they fail. */
    static Stream<Throwable> loadFailures() {
        return Stream.of(
                new UnsatisfiedLinkError("no jnind4jcpu in java.library.path"),
                new ExceptionInInitializerError("Nd4j static initializer failed"),
                new NoClassDefFoundError("Could not initialize class org.nd4j.linalg.factory.Nd4j"),
                new RuntimeException("No ND4J backend is available"));
    }

    @ParameterizedTest
    @MethodSource("loadFailures")
    void failedNativeLoadMakesNd4jUnavailableWhileOthersWork(Throwable failure) {
        Nd4jNativeLoader loader = mock(Nd4jNativeLoader.class);
        doThrow(failure).when(loader).load();
        BackendRegistry registry =
                BackendRegistry.of(new Nd4jBackendProvider(loader), new NaiveBackendProvider());

        Map<String, Availability> seen =
                registry.candidates().stream()
                        .collect(
                                Collectors.toMap(
                                        BackendCandidate::name, BackendCandidate::availability));
        BackendUnavailableException refused =
                assertThrows(BackendUnavailableException.class, () -> registry.get("nd4j"));
        Backend naive = registry.select();
        Tensor sum = naive.add(ones(naive), ones(naive));

        Availability nd4j = seen.get("nd4j");
        assertFalse(nd4j.isAvailable());
        assertTrue(nd4j.reason().orElseThrow().contains(failure.getMessage()), nd4j.reason().get());
        assertSame(failure, nd4j.cause().orElseThrow());
        assertTrue(refused.getMessage().contains(failure.getMessage()), refused.getMessage());
        assertTrue(seen.get("naive").isAvailable());
        assertEquals("naive", naive.name());
        assertTrue(registry.explain().reason().contains("passed over nd4j"));
        assertArrayEquals(new double[] {2, 2}, sum.toDoubleArray());
        verify(loader, times(1)).load();
    }

    /**
     * Without the mock: the provider in a class loader that sees backprop4j but not ND4J, as on a
     * class path that lacks the ND4J jars, is instantiated fine and answers why it cannot start.
     */
    @Test
    void withoutNd4jJarsTheRealProviderReportsTheMissingClass() throws Exception {
        URL api = Backend.class.getProtectionDomain().getCodeSource().getLocation();
        URL module = Nd4jBackendProvider.class.getProtectionDomain().getCodeSource().getLocation();

        try (URLClassLoader withoutNd4j =
                new URLClassLoader(new URL[] {api, module}, ClassLoader.getPlatformClassLoader())) {
            Object provider =
                    withoutNd4j
                            .loadClass(Nd4jBackendProvider.class.getName())
                            .getConstructor()
                            .newInstance();
            String availability =
                    provider.getClass().getMethod("availability").invoke(provider).toString();

            assertTrue(availability.startsWith("unavailable: "), availability);
            assertTrue(availability.contains("org/nd4j"), availability);
            assertTrue(availability.contains("-Dnative.platform"), availability);
        }
    }

    @Test
    void createRefusesWhenTheNativeLoadFailed() {
        Nd4jNativeLoader loader = mock(Nd4jNativeLoader.class);
        doThrow(new UnsatisfiedLinkError("libnd4jcpu.so: cannot open")).when(loader).load();
        Nd4jBackendProvider provider = new Nd4jBackendProvider(loader);

        IllegalStateException refused = assertThrows(IllegalStateException.class, provider::create);

        assertTrue(refused.getMessage().contains("libnd4jcpu.so"), refused.getMessage());
    }

    @Test
    void discoveredAsAvailableWithPriorityTwenty() {
        BackendRegistry registry = BackendRegistry.load();

        List<BackendCandidate> candidates = registry.candidates();
        BackendCandidate nd4j = candidates.get(0);

        assertEquals("nd4j", nd4j.name());
        assertEquals(20, nd4j.priority());
        assertTrue(nd4j.availability().isAvailable(), nd4j.availability().toString());
        assertEquals("nd4j", registry.select().name());
    }

    @Test
    void propertiesNameTheLibraryItsThreadsAndTypes() {
        Backend backend = new Nd4jBackendProvider().create();

        Map<String, String> properties = backend.properties();

        assertTrue(properties.get("library").startsWith("ND4J 1.0.0-M2.1"), properties.toString());
        assertEquals("OPENBLAS", properties.get("blas"));
        assertTrue(Integer.parseInt(properties.get("threads")) >= 1, properties.toString());
        assertTrue(properties.get("nd4j types").contains("float32"), properties.toString());
        assertEquals(Set.of(DType.FLOAT64, DType.FLOAT32), backend.dtypes());
    }

    private static Tensor ones(Backend backend) {
        return backend.fromArray(new double[] {1, 1}, Shape.of(1, 2), DType.FLOAT64);
    }
}
