package org.backprop4j.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

/**
 * Reads and writes model files in the <a href="https://github.com/huggingface/safetensors">
 * safetensors</a> format.
 *
 * <p>A file is an 8-byte little-endian unsigned header length {@code N}, then {@code N} bytes of
 * UTF-8 JSON mapping each tensor name to its {@code dtype} ({@code F64} or {@code F32}), {@code
 * shape} and {@code data_offsets} {@code [begin, end]} (counted from the first byte after the
 * header), with optional {@code __metadata__} of string to string; then the tensors' raw
 * little-endian bytes, contiguous and in order. The header is formatted as the Python {@code
 * safetensors} package formats it (compact JSON, metadata first, spaces up to a multiple of 8
 * bytes), so its files and ours differ at most in the order of the tensors, which it sorts and
 * which here is the order of the {@link SafetensorsFile}.
 *
 * <p>Stateless and thread-safe. Concurrent writes to one target leave one of the written files.
 */
public final class Safetensors {
    /** The largest header accepted, as in the reference implementation: 100 MB. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final System.Logger LOG = System.getLogger(Safetensors.class.getName());

    private Safetensors() {}

    /**
     * Reads a whole file. The file is untrusted: it is checked against the format and its real size
     * before anything it claims is allocated.
     *
     * @return the tensors in the order of their data in the file, and the metadata
     * @throws ModelFileException naming the file and the problem when it breaks the format: it is
     *     truncated, its header length is too large or larger than the file, its header is not
     *     strict JSON of the expected form, a dtype is not F32 or F64, a shape is negative or too
     *     large, or the tensors' byte ranges do not exactly tile the data with the sizes their
     *     dtypes and shapes need
     * @throws IOException when the file cannot be read at all
     */
    public static SafetensorsFile read(Path path) throws IOException {
        SafetensorsFile file = SafetensorsReader.read(path);
        LOG.log(
                Level.DEBUG,
                () -> "Read " + file.tensors().size() + " tensors from " + path.toAbsolutePath());
        return file;
    }

    /**
     * Writes {@code file} to {@code path}, replacing any file there atomically: the data is written
     * to a temporary file in the same directory, forced to disk and renamed over {@code path}, so
     * that after a failure or a crash {@code path} holds either its previous contents or the whole
     * new file. {@link org.backprop4j.tensor.DType#FLOAT32} values are stored as {@code float}.
     *
     * @throws IOException when the file cannot be written; {@code path} is then unchanged and the
     *     temporary file removed
     */
    public static void write(Path path, SafetensorsFile file) throws IOException {
        new SafetensorsWriter().write(path, file);
        LOG.log(
                Level.DEBUG,
                () -> "Wrote " + file.tensors().size() + " tensors to " + path.toAbsolutePath());
    }
}
