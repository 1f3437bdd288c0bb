package org.backprop4j.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;

/**
 * The JSON header of a safetensors file, in both directions: {@link #encode} writes the header of a
 * file about to be written, {@link #decode} checks a parsed header against the data that follows it
 * in a file.
 *
 * @param entries every tensor with its byte range in the data section, in layout order
 * @param metadata the {@code __metadata__} entries, in header order
 */
record SafetensorsHeader(List<Entry> entries, Map<String, String> metadata) {
    /** The header is padded with spaces so that the data starts on this byte boundary. */
    static final int ALIGNMENT = 8;

    private static final String DTYPE = "dtype";
    private static final String SHAPE = "shape";
    private static final String DATA_OFFSETS = "data_offsets";
    private static final Set<String> FIELDS = Set.of(DTYPE, SHAPE, DATA_OFFSETS);

    /** Java arrays stop a little short of {@code Integer.MAX_VALUE} on common VMs. */
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /**
     * One tensor of the header.
     *
     * @param begin first byte of its data, counted from the end of the header
     * @param end one past its last byte
     */
    record Entry(String name, DType dtype, Shape shape, long begin, long end) {}

    /**
     * The header bytes for a file: compact JSON with {@code __metadata__} first (when there is any)
     * and the tensors laid out contiguously in the file's order, padded with spaces to a multiple
     * of {@value #ALIGNMENT} bytes. The formatting matches the Python {@code safetensors} package,
     * so equal contents give equal files.
     */
    static byte[] encode(SafetensorsFile file) {
        StringBuilder json = new StringBuilder("{");
        if (!file.metadata().isEmpty()) {
            appendString(json, SafetensorsFile.METADATA_KEY).append(":{");
            String separator = "";
            for (Map.Entry<String, String> item : file.metadata().entrySet()) {
                json.append(separator);
                appendString(json, item.getKey()).append(':');
                appendString(json, item.getValue());
                separator = ",";
            }
            json.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> item : file.tensors().entrySet()) {
            TensorData tensor = item.getValue();
            long end = Math.addExact(offset, tensor.byteSize());
            json.append(json.length() == 1 ? "" : ",");
            appendString(json, item.getKey()).append(":{\"" + DTYPE + "\":");
            appendString(json, tensor.dtype().safetensorsName());
            json.append(",\"" + SHAPE + "\":[");
            int[] dims = tensor.shape().dims();
            for (int i = 0; i < dims.length; i++) {
                json.append(i == 0 ? "" : ",").append(dims[i]);
            }
            json.append("],\"" + DATA_OFFSETS + "\":[")
                    .append(offset)
                    .append(',')
                    .append(end)
                    .append("]}");
            offset = end;
        }
        json.append('}');

        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (bytes.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        byte[] header = Arrays.copyOf(bytes, padded);
        Arrays.fill(header, bytes.length, padded, (byte) ' ');
        return header;
    }

    /** Escapes as Python's {@code json.dumps(..., ensure_ascii=False)} does. */
    private static StringBuilder appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    /**
     * Checks a parsed header against a data section of {@code dataLength} bytes: every tensor has a
     * known dtype, a shape that fits a Java array and a byte range of exactly dtype size times
     * element count; together the ranges cover the data section with no gap and no overlap.
     *
     * @param json what {@link StrictJson#parse} returned for the header
     * @param path the file, for the messages
     * @throws ModelFileException naming the first tensor or field that breaks the format
     */
    static SafetensorsHeader decode(Object json, long dataLength, Path path)
            throws ModelFileException {
        if (!(json instanceof Map<?, ?> root)) {
            throw new ModelFileException(
                    path, "the header is " + kind(json) + ", not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> item : root.entrySet()) {
            String name = (String) item.getKey();
            if (name.equals(SafetensorsFile.METADATA_KEY)) {
                metadata = metadata(item.getValue(), path);
            } else {
                entries.add(entry(name, item.getValue(), dataLength, path));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkLayout(entries, dataLength, path);
        return new SafetensorsHeader(List.copyOf(entries), metadata);
    }

    private static Map<String, String> metadata(Object json, Path path) throws ModelFileException {
        if (!(json instanceof Map<?, ?> members)) {
            throw new ModelFileException(
                    path,
                    SafetensorsFile.METADATA_KEY + " is " + kind(json) + ", not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> item : members.entrySet()) {
            if (!(item.getValue() instanceof String value)) {
                throw new ModelFileException(
                        path,
                        SafetensorsFile.METADATA_KEY
                                + " entry '"
                                + item.getKey()
                                + "' is "
                                + kind(item.getValue())
                                + "; metadata values must be strings");
            }
            metadata.put((String) item.getKey(), value);
        }
        return metadata;
    }

    private static Entry entry(String name, Object json, long dataLength, Path path)
            throws ModelFileException {
        if (!(json instanceof Map<?, ?> fields)) {
            throw new ModelFileException(
                    path, "tensor '" + name + "' is " + kind(json) + ", not a JSON object");
        }
        for (Object field : fields.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new ModelFileException(
                        path,
                        "tensor '"
                                + name
                                + "' has an unknown field '"
                                + field
                                + "'; expected only dtype, shape and data_offsets");
            }
        }
        DType dtype = dtype(name, field(fields, DTYPE, name, path), path);
        Shape shape = shape(name, field(fields, SHAPE, name, path), path);
        long[] offsets = offsets(name, field(fields, DATA_OFFSETS, name, path), path);

        long needed = shape.size() * dtype.byteSize();
        if (offsets[1] - offsets[0] != needed) {
            throw new ModelFileException(
                    path,
                    String.format(
                            "tensor '%s' (%s, shape %s) needs %d bytes, but its data_offsets"
                                    + " [%d, %d] span %d",
                            name,
                            dtype.safetensorsName(),
                            shape,
                            needed,
                            offsets[0],
                            offsets[1],
                            offsets[1] - offsets[0]));
        }
        if (offsets[1] > dataLength) {
            throw new ModelFileException(
                    path,
                    String.format(
                            "tensor '%s' ends at byte %d of the data, but the file holds only"
                                    + " %d bytes of data after the header: the file is"
                                    + " truncated",
                            name, offsets[1], dataLength));
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static Object field(Map<?, ?> fields, String field, String name, Path path)
            throws ModelFileException {
        Object value = fields.get(field);
        if (value == null) {
            throw new ModelFileException(path, "tensor '" + name + "' has no " + field);
        }
        return value;
    }

    private static DType dtype(String name, Object json, Path path) throws ModelFileException {
        for (DType dtype : DType.values()) {
            if (dtype.safetensorsName().equals(json)) {
                return dtype;
            }
        }
        String found = json instanceof String text ? "'" + text + "'" : kind(json);
        throw new ModelFileException(
                path,
                "tensor '"
                        + name
                        + "' has dtype "
                        + found
                        + ", which backprop4j does not read; supported: F32, F64");
    }

    private static Shape shape(String name, Object json, Path path) throws ModelFileException {
        if (!(json instanceof List<?> list)) {
            throw new ModelFileException(
                    path, "tensor '" + name + "' has a shape that is " + kind(json));
        }
        if (list.isEmpty()) {
            throw new ModelFileException(
                    path,
                    "tensor '"
                            + name
                            + "' is a scalar (shape []); backprop4j tensors have at least one"
                            + " dimension");
        }
        int[] dims = new int[list.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!(list.get(i) instanceof Long dim)) {
                throw new ModelFileException(
                        path,
                        "tensor '" + name + "' has a shape entry that is " + kind(list.get(i)));
            }
            if (dim < 0 || dim > Integer.MAX_VALUE) {
                throw new ModelFileException(
                        path,
                        "tensor '"
                                + name
                                + "' has the dimension "
                                + dim
                                + " in shape "
                                + list
                                + "; dimensions run from 0 to "
                                + Integer.MAX_VALUE);
            }
            dims[i] = (int) (long) dim;
        }
        if (elementCount(dims) > MAX_ARRAY_LENGTH) {
            throw new ModelFileException(
                    path,
                    "tensor '"
                            + name
                            + "' has shape "
                            + list
                            + ", more than the "
                            + MAX_ARRAY_LENGTH
                            + " elements a Java array holds");
        }
        return Shape.of(dims);
    }

    /** The product of the dimensions, or anything above the array limit once it passes it. */
    private static long elementCount(int[] dims) {
        long count = 1;
        for (int dim : dims) {
            if (dim == 0) {
                return 0;
            }
            // Both factors stay below 2^31 here, so the product cannot overflow a long.
            count = count > MAX_ARRAY_LENGTH ? count : count * dim;
        }
        return count;
    }

    private static long[] offsets(String name, Object json, Path path) throws ModelFileException {
        if (!(json instanceof List<?> list)
                || list.size() != 2
                || !(list.get(0) instanceof Long begin)
                || !(list.get(1) instanceof Long end)) {
            throw new ModelFileException(
                    path,
                    "tensor '"
                            + name
                            + "' has data_offsets "
                            + json
                            + "; expected two integers [begin, end]");
        }
        if (begin < 0 || end < begin) {
            throw new ModelFileException(
                    path,
                    "tensor '"
                            + name
                            + "' has data_offsets "
                            + list
                            + "; expected 0 <= begin <= end");
        }
        return new long[] {begin, end};
    }

    private static void checkLayout(List<Entry> entries, long dataLength, Path path)
            throws ModelFileException {
        long expected = 0;
        Entry previous = null;
        for (Entry entry : entries) {
            if (entry.begin() < expected) {
                throw new ModelFileException(
                        path,
                        String.format(
                                "tensors '%s' [%d, %d] and '%s' [%d, %d] overlap",
                                previous.name(),
                                previous.begin(),
                                previous.end(),
                                entry.name(),
                                entry.begin(),
                                entry.end()));
            }
            if (entry.begin() > expected) {
                throw new ModelFileException(
                        path,
                        String.format(
                                "a gap of %d unused bytes lies before tensor '%s' [%d, %d];"
                                        + " tensors must be laid out contiguously",
                                entry.begin() - expected,
                                entry.name(),
                                entry.begin(),
                                entry.end()));
            }
            expected = entry.end();
            previous = entry;
        }
        if (expected != dataLength) {
            throw new ModelFileException(
                    path,
                    String.format(
                            "%d bytes follow the last tensor's data; the header accounts for"
                                    + " %d of the %d bytes after it",
                            dataLength - expected, expected, dataLength));
        }
    }

    private static String kind(Object json) {
        if (json instanceof Map) {
            return "an object";
        }
        if (json instanceof List) {
            return "an array";
        }
        if (json instanceof String) {
            return "a string";
        }
        return "an integer";
    }
}
