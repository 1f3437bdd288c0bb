package org.backprop4j.data.mnist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The four files of MNIST, with the SHA-256 of their decompressed content, the same whether a file
 * is stored raw or gzip-compressed.
 */
public enum MnistFile {
    TRAIN_IMAGES(
            "train-images-idx3-ubyte",
            47_040_016,
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    TRAIN_LABELS(
            "train-labels-idx1-ubyte",
            60_008,
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    TEST_IMAGES(
            "t10k-images-idx3-ubyte",
            7_840_016,
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    TEST_LABELS(
            "t10k-labels-idx1-ubyte",
            10_008,
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private final String fileName;
    private final long rawSize;
    private final String sha256;

    MnistFile(String fileName, long rawSize, String sha256) {
        this.fileName = fileName;
        this.rawSize = rawSize;
        this.sha256 = sha256;
    }

    /** The name of the uncompressed file, such as {@code train-images-idx3-ubyte}. */
    public String fileName() {
        return fileName;
    }

    /** The name of the compressed file, {@link #fileName()} with {@code .gz} appended. */
    public String gzipName() {
        return fileName + ".gz";
    }

    /** The length of the uncompressed content in bytes. */
    public long rawSize() {
        return rawSize;
    }

    /** The SHA-256 of the uncompressed content, in lower-case hex. */
    public String sha256() {
        return sha256;
    }

    /** The SHA-256 of every file. */
    static Map<MnistFile, String> checksums() {
        Map<MnistFile, String> checksums = new EnumMap<>(MnistFile.class);
        for (MnistFile file : values()) {
            checksums.put(file, file.sha256);
        }
        return checksums;
    }

    /** The file in {@code directory}, raw name first, then gzip name, if either exists. */
    public Optional<Path> locate(Path directory) {
        Path raw = directory.resolve(fileName);
        if (Files.isRegularFile(raw)) {
            return Optional.of(raw);
        }
        Path gzip = directory.resolve(gzipName());
        return Files.isRegularFile(gzip) ? Optional.of(gzip) : Optional.empty();
    }
}
