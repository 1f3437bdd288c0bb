package org.backprop4j.tensor;

/**
 * The element type of a tensor.
 *
 * <p>{@link #FLOAT64} is what every backend must support and what gradient checks use; {@link
 * #FLOAT32} trades precision for speed where a backend offers it.
 */
public enum DType {
    FLOAT32(4, "F32"),
    FLOAT64(8, "F64");

    private final int byteSize;
    private final String safetensorsName;

    DType(int byteSize, String safetensorsName) {
        this.byteSize = byteSize;
        this.safetensorsName = safetensorsName;
    }

    /** The bytes one element takes. */
    public int byteSize() {
        return byteSize;
    }

    /** The name of this type in a safetensors header ({@code F32}, {@code F64}). */
    public String safetensorsName() {
        return safetensorsName;
    }

    /**
     * Parses a name as users type it: {@code float64}, {@code f64}, {@code double}, and likewise
     * for 32 bits, in any case.
     *
     * @throws IllegalArgumentException naming the accepted spellings
     */
    public static DType parse(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "float64":
            case "f64":
            case "double":
                return FLOAT64;
            case "float32":
            case "f32":
            case "float":
                return FLOAT32;
            default:
                throw new IllegalArgumentException(
                        "Unknown data type '" + name + "': use float64 or float32");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
