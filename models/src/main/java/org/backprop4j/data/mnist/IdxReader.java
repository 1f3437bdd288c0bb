package org.backprop4j.data.mnist;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes, raw or gzip-compressed, as the MNIST files are published.
 *
 * <p>An IDX file is a big-endian header (the magic number {@code 0x00000801} for a vector of
 * labels, {@code 0x00000803} for a count x rows x cols block of images, then one unsigned 32-bit
 * size per dimension) followed by exactly the bytes the sizes declare. Compression is detected by
 * the gzip magic bytes, never by the file name. Everything is checked before it is trusted: the
 * magic number, the sizes against the length of a raw file before anything is allocated for them,
 * that the data is all there, and that nothing follows it. A compressed stream's length is not
 * known in advance, so its buffer grows with the bytes actually read, never to what a header merely
 * claims. Any failure is an {@link IdxFormatException} naming the file and the problem.
 *
 * <p>Stateless and safe to use from any thread.
 */
public final class IdxReader {
    /** The magic number of an IDX file of unsigned-byte labels (one dimension). */
    public static final int LABELS_MAGIC = 0x00000801;

    /** The magic number of an IDX file of unsigned-byte images (three dimensions). */
    public static final int IMAGES_MAGIC = 0x00000803;

    /** Java arrays stop a little short of {@code Integer.MAX_VALUE} on common JVMs. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final int FIRST_CHUNK = 1 << 20;
    private static final long TRAILING_COUNT_LIMIT = 1 << 20;

    private IdxReader() {}

    /** Reads an images file; see the class comment for what is checked. */
    public static IdxImages readImages(Path file) throws IOException {
        return readImages(file, null);
    }

    /** Reads images from a raw or gzip stream, which is left open; {@code source} names it. */
    public static IdxImages readImages(InputStream in, String source) throws IOException {
        return images(decompressIfGzip(in), source, -1, null);
    }

    /** Reads a labels file; see the class comment for what is checked. */
    public static IdxLabels readLabels(Path file) throws IOException {
        return readLabels(file, null);
    }

    /** Reads labels from a raw or gzip stream, which is left open; {@code source} names it. */
    public static IdxLabels readLabels(InputStream in, String source) throws IOException {
        return labels(decompressIfGzip(in), source, -1, null);
    }

    /** As {@link #readImages(Path)}, feeding every decompressed byte to {@code digest} if given. */
    static IdxImages readImages(Path file, MessageDigest digest) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            boolean gzip = isGzip(in);
            long size = gzip ? -1 : Files.size(file);
            return images(gzip ? gunzip(in) : in, file.toString(), size, digest);
        }
    }

    /** As {@link #readLabels(Path)}, feeding every decompressed byte to {@code digest} if given. */
    static IdxLabels readLabels(Path file, MessageDigest digest) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            boolean gzip = isGzip(in);
            long size = gzip ? -1 : Files.size(file);
            return labels(gzip ? gunzip(in) : in, file.toString(), size, digest);
        }
    }

    /**
     * Whether the stream starts with the gzip magic bytes; {@code in} must support mark and reset,
     * and is left where it was.
     */
    static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    /** The decompressed content of {@code in}, whether or not it is gzip. */
    static InputStream decompressIfGzip(InputStream in) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in);
        return isGzip(buffered) ? gunzip(buffered) : buffered;
    }

    private static InputStream gunzip(InputStream in) throws IOException {
        return new GZIPInputStream(in, 1 << 16);
    }

    private static IdxImages images(
            InputStream in, String source, long knownSize, MessageDigest digest)
            throws IOException {
        InputStream content = digest == null ? in : new DigestInputStream(in, digest);
        try {
            byte[] header = readHeader(content, source, IMAGES_MAGIC);
            long count = unsignedInt(header, 4);
            long rows = unsignedInt(header, 8);
            long cols = unsignedInt(header, 12);
            String what = count + " images of " + rows + "x" + cols;
            if (rows > MAX_ARRAY || cols > MAX_ARRAY || rows * cols > MAX_ARRAY) {
                throw new IdxFormatException(
                        source, "the header declares " + what + "; the header is corrupt");
            }
            long dataBytes = dataBytes(source, what, knownSize, header.length, count, rows * cols);
            byte[] pixels = readData(content, source, what, header.length, dataBytes);
            checkNothingFollows(content, source, header.length + dataBytes);
            return new IdxImages(source, (int) count, (int) rows, (int) cols, pixels);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(source, "corrupt or truncated gzip data (" + e + ")");
        }
    }

    private static IdxLabels labels(
            InputStream in, String source, long knownSize, MessageDigest digest)
            throws IOException {
        InputStream content = digest == null ? in : new DigestInputStream(in, digest);
        try {
            byte[] header = readHeader(content, source, LABELS_MAGIC);
            long count = unsignedInt(header, 4);
            String what = count + " labels";
            long dataBytes = dataBytes(source, what, knownSize, header.length, count, 1);
            byte[] labels = readData(content, source, what, header.length, dataBytes);
            checkNothingFollows(content, source, header.length + dataBytes);
            return new IdxLabels(source, labels);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(source, "corrupt or truncated gzip data (" + e + ")");
        }
    }

    /**
     * The header, magic number first: it is checked before the sizes are read, so a file of the
     * other kind is named as such even when it is shorter than this kind's header.
     */
    private static byte[] readHeader(InputStream in, String source, int expectedMagic)
            throws IOException {
        int length = 4 + 4 * (expectedMagic & 0xFF);
        byte[] header = new byte[length];
        int found = in.readNBytes(header, 0, 4);
        if (found == 4) {
            checkMagic(header, source, expectedMagic);
            found += in.readNBytes(header, 4, length - 4);
        }
        if (found < length) {
            throw new IdxFormatException(
                    source,
                    "truncated: expected a header of "
                            + length
                            + " bytes, found "
                            + found
                            + (found == 0 ? " (the file is empty)" : ""));
        }
        return header;
    }

    private static void checkMagic(byte[] header, String source, int expected)
            throws IdxFormatException {
        int magic = (int) unsignedInt(header, 0);
        if (magic == expected) {
            return;
        }
        String expectedKind = expected == IMAGES_MAGIC ? "images" : "labels";
        String otherKind = expected == IMAGES_MAGIC ? "labels" : "images";
        int other = expected == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC;
        String hint =
                magic == other
                        ? "; this is an IDX " + otherKind + " file: are images and labels swapped?"
                        : "; the file is corrupt or not an MNIST IDX file";
        throw new IdxFormatException(
                source,
                String.format(
                        "corrupt magic number 0x%08X, expected 0x%08X for IDX %s%s",
                        magic, expected, expectedKind, hint));
    }

    /**
     * The number of data bytes the header declares, checked against the file's size where known and
     * against what one array can hold, before anything is allocated for them.
     */
    private static long dataBytes(
            String source, String what, long knownSize, int headerBytes, long count, long perItem)
            throws IdxFormatException {
        boolean fitsArray = perItem == 0 || count <= MAX_ARRAY / perItem;
        if (knownSize >= 0) {
            long available = knownSize - headerBytes;
            if (!fitsArray || count * perItem > available) {
                throw new IdxFormatException(
                        source,
                        "truncated: the header declares "
                                + what
                                + ", "
                                + (fitsArray
                                        ? (headerBytes + count * perItem) + " bytes in all"
                                        : "more than " + MAX_ARRAY + " bytes")
                                + ", but the file has "
                                + knownSize
                                + " bytes");
            }
            if (count * perItem < available) {
                throw trailing(source, headerBytes + count * perItem, available - count * perItem);
            }
        }
        if (!fitsArray) {
            throw new IdxFormatException(
                    source,
                    "the header declares "
                            + what
                            + ", more than "
                            + MAX_ARRAY
                            + " bytes; the header is corrupt");
        }
        return count * perItem;
    }

    /** Reads exactly {@code length} bytes, growing the buffer only as the bytes arrive. */
    private static byte[] readData(
            InputStream in, String source, String what, int headerBytes, long length)
            throws IOException {
        byte[] data = new byte[(int) Math.min(length, FIRST_CHUNK)];
        int filled = 0;
        while (filled < length) {
            if (filled == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(length, 2L * data.length));
            }
            int read = in.read(data, filled, data.length - filled);
            if (read < 0) {
                throw new IdxFormatException(
                        source,
                        "truncated: the header declares "
                                + what
                                + ", "
                                + (headerBytes + length)
                                + " bytes in all, but the data ends after "
                                + (headerBytes + filled)
                                + " bytes");
            }
            filled += read;
        }
        return data;
    }

    private static void checkNothingFollows(InputStream in, String source, long declared)
            throws IOException {
        if (in.read() < 0) {
            return;
        }
        long extra = 1;
        byte[] sink = new byte[8192];
        int read;
        while (extra < TRAILING_COUNT_LIMIT && (read = in.read(sink)) > 0) {
            extra += read;
        }
        throw trailing(source, declared, extra);
    }

    private static IdxFormatException trailing(String source, long declared, long extra) {
        String amount =
                extra >= TRAILING_COUNT_LIMIT ? "at least " + extra + " bytes" : extra + " bytes";
        return new IdxFormatException(
                source,
                "trailing garbage: "
                        + amount
                        + " follow the "
                        + declared
                        + " bytes the header declares");
    }

    private static long unsignedInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFFL) << 24)
                | ((bytes[offset + 1] & 0xFFL) << 16)
                | ((bytes[offset + 2] & 0xFFL) << 8)
                | (bytes[offset + 3] & 0xFFL);
    }
}
