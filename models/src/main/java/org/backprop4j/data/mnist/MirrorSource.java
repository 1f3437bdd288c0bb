package org.backprop4j.data.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.util.Set;

/**
 * The gzip files from a web server, or from a {@code file:} directory laid out like one. {@link
 * HttpURLConnection} rather than {@code HttpClient} because only it has a timeout on each read of
 * the body, so a stalled server fails fast too.
 */
final class MirrorSource implements MnistSource {
    private final URI base;
    private final int connectMillis;
    private final int readMillis;

    MirrorSource(URI base, Duration connectTimeout, Duration readTimeout) {
        if (!base.toString().endsWith("/")) {
            throw new IllegalArgumentException("mirror base must end with '/': " + base);
        }
        this.base = base;
        this.connectMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readMillis = Math.toIntExact(readTimeout.toMillis());
    }

    @Override
    public String description() {
        return base.toString();
    }

    @Override
    public void fetch(Set<MnistFile> files, Receiver receiver) throws IOException {
        for (MnistFile file : files) {
            URI uri = base.resolve(file.gzipName());
            URLConnection connection = uri.toURL().openConnection();
            connection.setConnectTimeout(connectMillis);
            connection.setReadTimeout(readMillis);
            // file: URLs serve local copies; only HTTP has a status to check and a socket to free
            HttpURLConnection http =
                    connection instanceof HttpURLConnection ? (HttpURLConnection) connection : null;
            try {
                if (http != null && http.getResponseCode() != HttpURLConnection.HTTP_OK) {
                    throw new IOException(
                            "HTTP "
                                    + http.getResponseCode()
                                    + " "
                                    + http.getResponseMessage()
                                    + " for "
                                    + uri);
                }
                try (InputStream in = connection.getInputStream()) {
                    receiver.receive(file, in);
                }
            } finally {
                if (http != null) {
                    http.disconnect();
                }
            }
        }
    }
}
