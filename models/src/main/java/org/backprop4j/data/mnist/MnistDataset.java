package org.backprop4j.data.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * MNIST: 60,000 training and 10,000 test images of handwritten digits, 28 x 28 pixels, with their
 * labels (LeCun, Cortes and Burges).
 *
 * <p>Immutable and safe to share between threads.
 */
public final class MnistDataset {
    private final MnistSplit train;
    private final MnistSplit test;

    private MnistDataset(MnistSplit train, MnistSplit test) {
        this.train = Objects.requireNonNull(train, "train");
        this.test = Objects.requireNonNull(test, "test");
    }

    /** A data set of two splits already in memory. */
    public static MnistDataset of(MnistSplit train, MnistSplit test) {
        return new MnistDataset(train, test);
    }

    /**
     * Loads MNIST from the data directory ({@link MnistFetcher#defaultDirectory(Path)} of {@code
     * directory}, which may be null), fetching missing files from the default sources first.
     *
     * @param status receives progress lines while files are fetched
     * @throws MnistUnavailableException if files are missing and cannot be fetched, or are not the
     *     originals
     * @throws IdxFormatException if a file is not a valid IDX file
     */
    public static MnistDataset obtain(Path directory, Consumer<String> status) throws IOException {
        return MnistFetcher.withDefaultSources(MnistFetcher.defaultDirectory(directory), status)
                .fetchAndLoad();
    }

    /**
     * Loads the four files from {@code directory}, each under its raw or gzip name, checking each
     * against the SHA-256 of the original as it is read.
     *
     * @throws MnistUnavailableException if a file is missing or is not the original
     * @throws IdxFormatException if a file is not a valid IDX file
     */
    public static MnistDataset load(Path directory) throws IOException {
        return load(directory, MnistFile.checksums());
    }

    /** As {@link #load(Path)}, against other checksums, so tests can load small stand-ins. */
    static MnistDataset load(Path directory, Map<MnistFile, String> checksums) throws IOException {
        MnistSplit train =
                MnistSplit.of(
                        images(directory, MnistFile.TRAIN_IMAGES, checksums),
                        labels(directory, MnistFile.TRAIN_LABELS, checksums));
        MnistSplit test =
                MnistSplit.of(
                        images(directory, MnistFile.TEST_IMAGES, checksums),
                        labels(directory, MnistFile.TEST_LABELS, checksums));
        return new MnistDataset(train, test);
    }

    private static IdxImages images(
            Path directory, MnistFile file, Map<MnistFile, String> checksums) throws IOException {
        Path path = find(directory, file);
        MessageDigest digest = MnistFetcher.newSha256();
        IdxImages images = IdxReader.readImages(path, digest);
        verify(path, file, digest, checksums.get(file));
        return images;
    }

    private static IdxLabels labels(
            Path directory, MnistFile file, Map<MnistFile, String> checksums) throws IOException {
        Path path = find(directory, file);
        MessageDigest digest = MnistFetcher.newSha256();
        IdxLabels labels = IdxReader.readLabels(path, digest);
        verify(path, file, digest, checksums.get(file));
        return labels;
    }

    private static Path find(Path directory, MnistFile file) throws MnistUnavailableException {
        Optional<Path> path = file.locate(directory);
        if (path.isEmpty()) {
            throw new MnistUnavailableException(
                    directory
                            + " holds neither "
                            + file.fileName()
                            + " nor "
                            + file.gzipName()
                            + "; MnistDataset.obtain fetches missing files, or place them there"
                            + " by hand");
        }
        return path.get();
    }

    private static void verify(Path path, MnistFile file, MessageDigest digest, String expected)
            throws MnistUnavailableException {
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected)) {
            throw new MnistUnavailableException(
                    path
                            + ": SHA-256 of the content is "
                            + actual
                            + ", expected "
                            + expected
                            + " for the original "
                            + file.fileName()
                            + "; delete the file to have it fetched again, or replace it with"
                            + " the original");
        }
    }

    /** The 60,000 training samples. */
    public MnistSplit train() {
        return train;
    }

    /** The 10,000 test samples. */
    public MnistSplit test() {
        return test;
    }
}
