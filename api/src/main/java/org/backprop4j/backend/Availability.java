package org.backprop4j.backend;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a backend can start here; when it cannot, the reason in words and the failure behind it.
 */
public final class Availability {
    private static final Availability AVAILABLE = new Availability(null, null);

    private final String reason;
    private final Throwable cause;

    private Availability(String reason, Throwable cause) {
        this.reason = reason;
        this.cause = cause;
    }

    public static Availability available() {
        return AVAILABLE;
    }

    /** Unavailable for {@code reason}, such as "native library libnd4jcpu.so failed to load". */
    public static Availability unavailable(String reason) {
        return new Availability(Objects.requireNonNull(reason, "reason"), null);
    }

    /** Unavailable for {@code reason}, with the exception that showed it. */
    public static Availability unavailable(String reason, Throwable cause) {
        return new Availability(Objects.requireNonNull(reason, "reason"), cause);
    }

    public boolean isAvailable() {
        return reason == null;
    }

    /** Why the backend cannot start; empty when it can. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The failure behind the reason, if one was caught. */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    @Override
    public String toString() {
        return isAvailable() ? "available" : "unavailable: " + reason;
    }
}
