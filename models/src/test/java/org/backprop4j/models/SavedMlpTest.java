package org.backprop4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.io.ModelFileException;
import org.backprop4j.io.ModelFiles;
import org.backprop4j.io.StorageOnlyBackend;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rebuild of an MLP from a model file's metadata, and its refusals of files that lie: the file
 * is untrusted input, so every check runs before a model of the claimed size is allocated.
 */
class SavedMlpTest {
    private static final int[] WIDTHS = {5, 4, 3};

    @TempDir Path dir;

    private final Backend backend = new StorageOnlyBackend("storage");

    @Test
    void theFileAloneRebuildsTheArchitectureAndTheParameters() throws IOException {
        Sequential original =
                Mlp.builder(WIDTHS).activation(Activation.TANH).seed(7).build(backend);
        Path file = save("tanh.safetensors", original, SavedMlp.metadata(WIDTHS, Activation.TANH));

        SavedMlp saved = SavedMlp.load(file, backend, DType.FLOAT64);

        assertArrayEquals(WIDTHS, saved.widths());
        assertEquals(5, saved.inputWidth());
        assertEquals(3, saved.outputWidth());
        assertEquals(Activation.TANH, saved.activation());
        assertEquals("mlp 5-4-3 tanh", saved.describe());
        assertEquals(values(original), values(saved.model()));
    }

    @Test
    void withoutADataTypeTheFileKeepsTheOneItStores() throws IOException {
        Sequential original = Mlp.builder(WIDTHS).dtype(DType.FLOAT32).seed(3).build(backend);
        Path file = save("f32.safetensors", original, SavedMlp.metadata(WIDTHS, Activation.RELU));

        SavedMlp saved = SavedMlp.load(file, backend);

        assertEquals(DType.FLOAT32, saved.dtype());
        for (Parameter parameter : saved.model().parameters()) {
            assertEquals(DType.FLOAT32, parameter.value().dtype(), parameter.name());
        }
        assertEquals(values(original), values(saved.model()));
    }

    @Test
    void theMetadataNamesTheModelTheWidthsAndTheActivation() {
        assertEquals(
                Map.of("model", "mlp", "widths", "784,128,10", "activation", "sigmoid"),
                SavedMlp.metadata(new int[] {784, 128, 10}, Activation.SIGMOID));
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path missing = dir.resolve("missing.safetensors");

        NoSuchFileException e =
                assertThrows(
                        NoSuchFileException.class,
                        () -> SavedMlp.load(missing, backend, DType.FLOAT64));

        assertEquals(missing.toString(), e.getFile());
        assertTrue(e.getMessage().contains("no such model file"), e.getMessage());
    }

    @Test
    void aFileWithoutMetadataIsRefusedNamingTheFileAndTheKeys() throws IOException {
        Path bare = save("bare.safetensors", small(), Map.of());

        String message = refusal(bare);

        assertTrue(message.contains("'model'"), message);
        assertTrue(message.contains("'widths'"), message);
        assertTrue(message.contains("'activation'"), message);
    }

    @Test
    void anotherKindOfModelIsRefused() throws IOException {
        Map<String, String> metadata = metadata("5,4,3", "relu");
        metadata.put("model", "cnn");
        Path file = save("cnn.safetensors", small(), metadata);

        String message = refusal(file);

        assertTrue(message.contains("'cnn'"), message);
        assertTrue(message.contains("only 'mlp'"), message);
    }

    @Test
    void widthsThatAreNotPositiveIntegersAreRefused() throws IOException {
        for (String widths : List.of("5", "5,x,3", "5,0,3", "5,-4,3", "", "5,,3")) {
            Path file = save("widths.safetensors", small(), metadata(widths, "relu"));

            String message = refusal(file);

            assertTrue(message.contains("'" + widths + "'"), message);
            assertTrue(message.contains("positive integers"), message);
        }
    }

    @Test
    void anUnknownActivationIsRefusedListingTheKnownOnes() throws IOException {
        Path file = save("gelu.safetensors", small(), metadata("5,4,3", "gelu"));

        String message = refusal(file);

        assertTrue(message.contains("'gelu'"), message);
        assertTrue(message.contains("relu, tanh, sigmoid"), message);
    }

    @Test
    void widthsThatTheTensorsCannotFillAreRefusedBeforeTheModelIsBuilt() throws IOException {
        // Built, this model would need 16 GB; the refusal must come from the count of values.
        Path lying = save("lying.safetensors", small(), metadata("5,2000000000,3", "relu"));

        String message = refusal(lying);

        assertTrue(message.contains("'widths'"), message);
        assertTrue(message.contains("more parameters than the 39 values"), message);
    }

    @Test
    void widthsThatDisagreeWithTheTensorsAreRefusedListingTheShapes() throws IOException {
        Path file = save("shapes.safetensors", small(), metadata("5,3,4", "relu"));

        String message = refusal(file);

        assertTrue(message.contains("different shapes"), message);
    }

    @Test
    void aTruncatedFileIsRefusedNamingIt() throws IOException {
        Path whole = save("whole.safetensors", small(), metadata("5,4,3", "relu"));
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(bytes, 40));

        refusal(truncated);
    }

    private String refusal(Path file) {
        ModelFileException e =
                assertThrows(
                        ModelFileException.class,
                        () -> SavedMlp.load(file, backend, DType.FLOAT64));
        assertEquals(file, e.path());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e.getMessage();
    }

    private Sequential small() {
        return Mlp.builder(WIDTHS).seed(1).build(backend);
    }

    private Path save(String name, Sequential model, Map<String, String> metadata)
            throws IOException {
        Path file = dir.resolve(name);
        ModelFiles.save(file, model, metadata);
        return file;
    }

    private static Map<String, String> metadata(String widths, String activation) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("model", "mlp");
        metadata.put("widths", widths);
        metadata.put("activation", activation);
        return metadata;
    }

    private static List<List<Double>> values(Sequential model) {
        return model.parameters().stream()
                .map(p -> Arrays.stream(p.value().toDoubleArray()).boxed().toList())
                .toList();
    }
}
