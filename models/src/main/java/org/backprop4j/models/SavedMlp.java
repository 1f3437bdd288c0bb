package org.backprop4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.backprop4j.io.ModelFileException;
import org.backprop4j.io.ModelFiles;
import org.backprop4j.io.Safetensors;
import org.backprop4j.io.SafetensorsFile;
import org.backprop4j.io.TensorData;
import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;

/**
 * An MLP rebuilt from a model file alone: the architecture comes from the file's metadata, as the
 * {@code mnist} command writes it ({@value #MODEL_KEY} {@code = mlp}, {@value #WIDTHS_KEY} such as
 * {@code 784,128,10}, {@value #ACTIVATION_KEY} such as {@code relu}), the parameters from its
 * tensors.
 *
 * <p>This is the one definition of how a model file describes an MLP: {@link #metadata} writes it
 * and {@link #load} reads it back, for the command-line program and for {@link
 * org.backprop4j.inference.Predictor} alike. The metadata keys and values are part of the file
 * format and stay readable by later versions. Applications that only predict use {@link
 * org.backprop4j.inference.Predictor}; this class is for those that need the layers themselves.
 *
 * <p>Stability: experimental.
 */
public final class SavedMlp {
    /** The metadata key naming the kind of model; {@value #MLP} is the only one built here. */
    public static final String MODEL_KEY = "model";

    /** The metadata key of the layer widths, input first, separated by commas. */
    public static final String WIDTHS_KEY = "widths";

    /** The metadata key of the hidden activation, an {@link Activation} in lower case. */
    public static final String ACTIVATION_KEY = "activation";

    /** The value of {@value #MODEL_KEY} for an {@link Mlp}. */
    public static final String MLP = "mlp";

    private final Sequential model;
    private final int[] widths;
    private final Activation activation;
    private final DType dtype;

    private SavedMlp(Sequential model, int[] widths, Activation activation, DType dtype) {
        this.model = model;
        this.widths = widths;
        this.activation = activation;
        this.dtype = dtype;
    }

    /**
     * Reads {@code file}, builds the MLP its metadata describes on {@code backend} and loads the
     * parameters into it. The file is untrusted: the widths are checked against the number of
     * values the file really holds before a model of that size is allocated.
     *
     * <p>The parameters are created on the calling thread; call this outside any {@link
     * org.backprop4j.tensor.TensorScope} of {@code backend}, whose close would free them.
     *
     * @param dtype the data type the parameters are converted to; {@code backend} must store it
     * @throws NoSuchFileException if there is no such file
     * @throws ModelFileException naming the file when it breaks the format, lacks a metadata key,
     *     holds a value this method cannot read, or holds tensors that do not fit the widths
     * @throws IOException when the file cannot be read
     */
    public static SavedMlp load(Path file, Backend backend, DType dtype) throws IOException {
        return load(file, backend, dtype, Safetensors.read(requireFile(file)));
    }

    /**
     * As {@link #load(Path, Backend, DType)}, in the data type the file stores (that of its first
     * tensor), or in float64 when {@code backend} does not store that type: float32 values widen to
     * float64 exactly.
     *
     * @throws NoSuchFileException if there is no such file
     * @throws ModelFileException as {@link #load(Path, Backend, DType)} says
     * @throws IOException when the file cannot be read
     */
    public static SavedMlp load(Path file, Backend backend) throws IOException {
        SafetensorsFile contents = Safetensors.read(requireFile(file));
        DType stored =
                contents.tensors().values().stream()
                        .map(TensorData::dtype)
                        .findFirst()
                        .orElse(DType.FLOAT64);
        DType dtype = backend.dtypes().contains(stored) ? stored : DType.FLOAT64;
        return load(file, backend, dtype, contents);
    }

    private static SavedMlp load(Path file, Backend backend, DType dtype, SafetensorsFile contents)
            throws IOException {
        Map<String, String> metadata = contents.metadata();
        checkKeysPresent(file, metadata);
        String kind = metadata.get(MODEL_KEY);
        if (!MLP.equals(kind)) {
            throw new ModelFileException(
                    file,
                    "its metadata names the model '" + kind + "'; only '" + MLP + "' can be built");
        }
        int[] widths = parseWidths(file, metadata.get(WIDTHS_KEY));
        Activation activation = parseActivation(file, metadata.get(ACTIVATION_KEY));
        checkSizeAgainstFile(file, widths, contents);

        Sequential model = Mlp.builder(widths).activation(activation).dtype(dtype).build(backend);
        ModelFiles.load(file, model);
        return new SavedMlp(model, widths, activation, dtype);
    }

    private static Path requireFile(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(
                    file.toString(),
                    null,
                    "no such model file; give one that 'mnist --save' wrote");
        }
        return file;
    }

    /**
     * The metadata that lets {@link #load} rebuild an MLP of these widths and activation; pass it
     * to {@link ModelFiles#save}.
     */
    public static Map<String, String> metadata(int[] widths, Activation activation) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(MODEL_KEY, MLP);
        metadata.put(
                WIDTHS_KEY,
                Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        metadata.put(ACTIVATION_KEY, activation.name().toLowerCase(Locale.ROOT));
        return metadata;
    }

    /** The network, holding the file's parameters. */
    public Sequential model() {
        return model;
    }

    /** The layer widths, input first. */
    public int[] widths() {
        return widths.clone();
    }

    /** The width of the input layer: the values one row of input holds. */
    public int inputWidth() {
        return widths[0];
    }

    /** The width of the output layer: the values, or classes, one prediction holds. */
    public int outputWidth() {
        return widths[widths.length - 1];
    }

    /** The hidden activation. */
    public Activation activation() {
        return activation;
    }

    /** The data type the parameters are held in. */
    public DType dtype() {
        return dtype;
    }

    /** The architecture as a person writes it, such as {@code mlp 784-128-10 relu}. */
    public String describe() {
        return MLP
                + " "
                + Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining("-"))
                + " "
                + activation.name().toLowerCase(Locale.ROOT);
    }

    private static void checkKeysPresent(Path file, Map<String, String> metadata)
            throws ModelFileException {
        List<String> missing = new ArrayList<>();
        for (String key : List.of(MODEL_KEY, WIDTHS_KEY, ACTIVATION_KEY)) {
            if (!metadata.containsKey(key)) {
                missing.add("'" + key + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new ModelFileException(
                    file,
                    "its metadata lacks "
                            + String.join(", ", missing)
                            + ", needed to build the model; save it with 'mnist --save FILE',"
                            + " which records them");
        }
    }

    private static int[] parseWidths(Path file, String value) throws ModelFileException {
        String[] parts = value.split(",", -1);
        int[] widths = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                widths[i] = Integer.parseInt(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            widths = new int[0];
        }
        if (widths.length < 2 || Arrays.stream(widths).anyMatch(width -> width <= 0)) {
            throw new ModelFileException(
                    file,
                    "its metadata '"
                            + WIDTHS_KEY
                            + "' is '"
                            + value
                            + "'; expected two or more positive integers separated by commas,"
                            + " such as 784,128,10");
        }
        return widths;
    }

    private static Activation parseActivation(Path file, String value) throws ModelFileException {
        for (Activation activation : Activation.values()) {
            if (activation.name().equalsIgnoreCase(value)) {
                return activation;
            }
        }
        String known =
                Arrays.stream(Activation.values())
                        .map(activation -> activation.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "));
        throw new ModelFileException(
                file,
                "its metadata '"
                        + ACTIVATION_KEY
                        + "' is '"
                        + value
                        + "'; expected one of "
                        + known);
    }

    /**
     * Refuses widths that need more parameters than the file holds values, so that a lying header
     * cannot make the model allocate more than the file's own size; whether each tensor fits is
     * {@link ModelFiles#load}'s to check.
     */
    private static void checkSizeAgainstFile(Path file, int[] widths, SafetensorsFile contents)
            throws ModelFileException {
        long held = 0;
        for (TensorData tensor : contents.tensors().values()) {
            held += tensor.shape().size();
        }
        long needed = 0;
        for (int i = 0; i + 1 < widths.length && needed <= held; i++) {
            needed += ((long) widths[i] + 1) * widths[i + 1];
        }
        if (needed > held) {
            throw new ModelFileException(
                    file,
                    "its metadata '"
                            + WIDTHS_KEY
                            + "' describes a model with more parameters than the "
                            + held
                            + " values the file holds; the metadata does not belong to these"
                            + " tensors");
        }
    }
}
