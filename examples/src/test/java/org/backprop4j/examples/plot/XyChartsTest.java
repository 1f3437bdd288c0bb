package org.backprop4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class XyChartsTest {
    @Test
    void usesALogAxisOnlyForPositiveLossesSpanningTwoPowersOfTen() {
        assertTrue(XyCharts.isWideAndPositive(new double[] {0.5, 0.02, 0.0025}));
        assertTrue(XyCharts.isWideAndPositive(new double[] {1.0, 0.1}));
        assertFalse(XyCharts.isWideAndPositive(new double[] {0.37, 0.2, 0.055}));
        assertFalse(XyCharts.isWideAndPositive(new double[] {0.4, 0.01, 0.0}));
        assertFalse(XyCharts.isWideAndPositive(new double[] {2.0, -1.0}));
    }
}
