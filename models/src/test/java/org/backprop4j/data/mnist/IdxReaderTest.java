package org.backprop4j.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static void assertMessageHas(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(
                    e.getMessage().contains(part),
                    () -> "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void readsRawImagesWithTheirSizesAndPixels() throws IOException {
        Path file = write("images", IdxBytes.images(3, 2, 4));

        IdxImages images = IdxReader.readImages(file);

        assertEquals(3, images.count());
        assertEquals(2, images.rows());
        assertEquals(4, images.cols());
        assertEquals(8, images.features());
        assertEquals(file.toString(), images.source());
        assertEquals((31 * 2 + 4 + 3) % 256, images.pixel(2, 1, 3));
    }

    @Test
    void detectsGzipByItsMagicBytesWhateverTheName() throws IOException {
        byte[] raw = IdxBytes.images(5, 3, 3);
        Path gzipWithoutSuffix = write("images", IdxBytes.gzip(raw));
        Path rawWithGzSuffix = write("images.gz", raw);

        IdxImages fromGzip = IdxReader.readImages(gzipWithoutSuffix);
        IdxImages fromRaw = IdxReader.readImages(rawWithGzSuffix);

        int[] all = {0, 1, 2, 3, 4};
        assertArrayEquals(fromRaw.pixels(all), fromGzip.pixels(all));
        assertEquals(5, fromGzip.count());
    }

    @Test
    void readsLabelsRawAndGzipFromFilesAndStreams() throws IOException {
        byte[] raw = IdxBytes.labels(7, 0, 9, 200);

        IdxLabels fromFile = IdxReader.readLabels(write("labels.gz", IdxBytes.gzip(raw)));
        IdxLabels fromStream = IdxReader.readLabels(new ByteArrayInputStream(raw), "stream");

        assertArrayEquals(new int[] {7, 0, 9, 200}, fromFile.toArray());
        assertArrayEquals(new int[] {7, 0, 9, 200}, fromStream.toArray());
        assertEquals("stream", fromStream.source());
    }

    @Test
    void truncatedRawFileSaysHowManyBytesWereExpectedAndFound() throws IOException {
        byte[] whole = IdxBytes.images(4, 2, 2);
        Path file = write("short", Arrays.copyOf(whole, whole.length - 5));

        IdxFormatException e =
                assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));

        assertMessageHas(
                e, file.toString(), "truncated", "4 images of 2x2", "32 bytes", "27 bytes");
        assertEquals(file.toString(), e.source());
    }

    @Test
    void truncatedGzipDataSaysWhereTheDataEnded() throws IOException {
        byte[] whole = IdxBytes.labels(1, 2, 3, 4, 5);
        Path file = write("labels", IdxBytes.gzip(Arrays.copyOf(whole, whole.length - 2)));

        IdxFormatException e =
                assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(file));

        assertMessageHas(e, file.toString(), "truncated", "13 bytes in all", "ends after 11");
    }

    @Test
    void cutGzipStreamIsReportedAsCorrupt() throws IOException {
        byte[] gzip = IdxBytes.gzip(IdxBytes.images(20, 5, 5));
        Path file = write("cut", Arrays.copyOf(gzip, gzip.length - 12));

        IdxFormatException e =
                assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));

        assertMessageHas(e, file.toString(), "gzip");
    }

    @Test
    void emptyFileAndShortHeaderAreTruncated() throws IOException {
        Path empty = write("empty", new byte[0]);
        Path shortHeader = write("header", Arrays.copyOf(IdxBytes.images(1, 1, 1), 10));

        IdxFormatException emptyError =
                assertThrows(IdxFormatException.class, () -> IdxReader.readImages(empty));
        IdxFormatException headerError =
                assertThrows(IdxFormatException.class, () -> IdxReader.readImages(shortHeader));

        assertMessageHas(emptyError, empty.toString(), "empty");
        assertMessageHas(headerError, shortHeader.toString(), "header of 16 bytes, found 10");
    }

    @Test
    void corruptMagicNumberIsNamed() throws IOException {
        byte[] content = IdxBytes.images(1, 2, 2);
        content[2] = 0x12;
        Path file = write("bad-magic", content);

        IdxFormatException e =
                assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));

        assertMessageHas(e, file.toString(), "corrupt magic number 0x00001203", "0x00000803");
    }

    @Test
    void labelsReadAsImagesSuggestASwap() throws IOException {
        Path file = write("labels", IdxBytes.labels(1, 2));

        IdxFormatException e =
                assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file));

        assertMessageHas(e, "0x00000801", "swapped");
    }

    @Test
    void trailingGarbageIsRefusedRawAndGzip() throws IOException {
        byte[] withGarbage = IdxBytes.concat(IdxBytes.labels(1, 2, 3), new byte[] {9, 9, 9});
        Path raw = write("raw", withGarbage);
        Path gzip = write("gzip", IdxBytes.gzip(withGarbage));

        IdxFormatException rawError =
                assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(raw));
        IdxFormatException gzipError =
                assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(gzip));

        assertMessageHas(rawError, raw.toString(), "trailing garbage: 3 bytes", "the 11 bytes");
        assertMessageHas(gzipError, gzip.toString(), "trailing garbage: 3 bytes");
    }

    @Test
    void headerClaimingBillionsOfImagesIsRefusedBeforeAllocating() throws IOException {
        byte[] lie =
                IdxBytes.concat(
                        IdxBytes.header(IdxReader.IMAGES_MAGIC, 0xFFFF_FFFFL, 28, 28),
                        new byte[100]);
        Path raw = write("lie", lie);

        IdxFormatException rawError =
                assertThrows(IdxFormatException.class, () -> IdxReader.readImages(raw));
        IdxFormatException streamError =
                assertThrows(
                        IdxFormatException.class,
                        () ->
                                IdxReader.readImages(
                                        new ByteArrayInputStream(IdxBytes.gzip(lie)), "lie.gz"));

        assertMessageHas(rawError, "truncated", "4294967295 images of 28x28", "116 bytes");
        assertMessageHas(streamError, "lie.gz", "4294967295 images", "corrupt");
    }

    @Test
    void gzipHeaderClaimingAGigabyteOnlyCostsWhatArrives() throws IOException {
        byte[] lie =
                IdxBytes.concat(
                        IdxBytes.header(IdxReader.IMAGES_MAGIC, 1_500_000, 28, 28), new byte[1000]);

        IdxFormatException e =
                assertThrows(
                        IdxFormatException.class,
                        () ->
                                IdxReader.readImages(
                                        new ByteArrayInputStream(IdxBytes.gzip(lie)), "lie.gz"));

        assertMessageHas(e, "1176000016 bytes in all", "ends after 1016 bytes");
    }

    @Test
    void imageSizesThatCannotExistAreCorrupt() {
        byte[] lie = IdxBytes.header(IdxReader.IMAGES_MAGIC, 1, 0xFFFF_FFFFL, 0xFFFF_FFFFL);

        IdxFormatException e =
                assertThrows(
                        IdxFormatException.class,
                        () -> IdxReader.readImages(new ByteArrayInputStream(lie), "huge"));

        assertMessageHas(e, "huge", "4294967295x4294967295", "corrupt");
    }
}
