package org.backprop4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole contents of a safetensors file: tensors by name, in the order their data is laid out in
 * the file, and free-form string metadata.
 *
 * <p>Immutable: both maps are copied, keep their order and cannot be modified. Writing lays the
 * tensors out in the map's order; reading returns them in the order of their data in the file.
 *
 * @param tensors tensor contents by name, in file order
 * @param metadata the header's {@code __metadata__} entries, in order; empty when there are none
 */
public record SafetensorsFile(Map<String, TensorData> tensors, Map<String, String> metadata) {

    /** The header key that holds the metadata, which therefore cannot name a tensor. */
    public static final String METADATA_KEY = "__metadata__";

    /**
     * @throws NullPointerException if a map, a key or a value is null
     * @throws IllegalArgumentException if a tensor is named {@value #METADATA_KEY}
     */
    public SafetensorsFile {
        tensors = orderedCopy(tensors, "tensors");
        metadata = orderedCopy(metadata, "metadata");
        if (tensors.containsKey(METADATA_KEY)) {
            throw new IllegalArgumentException(
                    "'"
                            + METADATA_KEY
                            + "' is reserved for the metadata and cannot name a tensor; rename"
                            + " it");
        }
    }

    /** A file of the given tensors and no metadata. */
    public static SafetensorsFile of(Map<String, TensorData> tensors) {
        return new SafetensorsFile(tensors, Map.of());
    }

    private static <V> Map<String, V> orderedCopy(Map<String, V> source, String what) {
        Objects.requireNonNull(source, what);
        Map<String, V> copy = new LinkedHashMap<>();
        source.forEach(
                (key, value) ->
                        copy.put(
                                Objects.requireNonNull(key, () -> "A key of the " + what),
                                Objects.requireNonNull(value, () -> what + " '" + key + "'")));
        return Collections.unmodifiableMap(copy);
    }
}
