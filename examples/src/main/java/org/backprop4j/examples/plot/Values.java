package org.backprop4j.examples.plot;

/** Argument checks shared by the plots; each message names the argument and the bad entry. */
final class Values {
    private Values() {}

    /** Requires at least one value, all of them finite. */
    static void requireFinite(String name, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " is empty; give at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        name
                                + "["
                                + i
                                + "] is "
                                + values[i]
                                + "; plots need finite values (did the run diverge?)");
            }
        }
    }
}
