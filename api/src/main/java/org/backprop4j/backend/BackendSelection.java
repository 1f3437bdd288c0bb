package org.backprop4j.backend;

/** The name of the backend that selection picked, and the rule that picked it. */
public final class BackendSelection {
    private final String name;
    private final String reason;

    BackendSelection(String name, String reason) {
        this.name = name;
        this.reason = reason;
    }

    public String name() {
        return name;
    }

    /** Such as "named by system property backprop4j.backend=ejml". */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return name + " (" + reason + ")";
    }
}
