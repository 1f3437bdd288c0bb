package org.backprop4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    private static final double EXACT = 1e-15;

    @Test
    void constantGivesTheSameRateOnEveryStep() {
        LearningRateSchedule schedule = LearningRateSchedule.constant(0.1);

        assertEquals(0.1, schedule.rate(0));
        assertEquals(0.1, schedule.rate(1_000_000));
    }

    @Test
    void stepDecayMultipliesByGammaEveryStepSizeSteps() {
        LearningRateSchedule schedule = LearningRateSchedule.stepDecay(1.0, 2, 0.5);

        assertEquals(1.0, schedule.rate(0)); // 1 * 0.5^floor(0/2) = 1
        assertEquals(1.0, schedule.rate(1)); // 1 * 0.5^floor(1/2) = 1
        assertEquals(0.5, schedule.rate(2)); // 1 * 0.5^1
        assertEquals(0.5, schedule.rate(3)); // 1 * 0.5^floor(3/2) = 0.5
        assertEquals(0.25, schedule.rate(4)); // 1 * 0.5^2
    }

    @Test
    void cosineFallsFromTheRateToTheMinimumThenStays() {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(1.0, 0.0, 4);

        assertEquals(1.0, schedule.rate(0), EXACT); // (1 + cos 0) / 2
        assertEquals(0.8535533905932737, schedule.rate(1), EXACT); // (1 + sqrt(2)/2) / 2
        assertEquals(0.5, schedule.rate(2), EXACT); // (1 + cos(pi/2)) / 2
        assertEquals(0.1464466094067262, schedule.rate(3), EXACT); // (1 - sqrt(2)/2) / 2
        assertEquals(0.0, schedule.rate(4)); // the period is over: the minimum
        assertEquals(0.0, schedule.rate(10));
    }

    @Test
    void cosineStaysAboveItsMinimum() {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.1, 0.02, 2);

        assertEquals(0.06, schedule.rate(1), EXACT); // 0.02 + 0.08 * (1 + cos(pi/2)) / 2
        assertEquals(0.02, schedule.rate(2));
    }

    @Test
    void warmupClimbsLinearlyToTheRateItHandsOverTo() {
        LearningRateSchedule schedule =
                LearningRateSchedule.warmup(4, LearningRateSchedule.constant(0.8));

        assertEquals(0.2, schedule.rate(0), EXACT); // 0.8 * 1/4
        assertEquals(0.4, schedule.rate(1), EXACT); // 0.8 * 2/4
        assertEquals(0.6, schedule.rate(2), EXACT); // 0.8 * 3/4
        assertEquals(0.8, schedule.rate(3), EXACT); // 0.8 * 4/4
        assertEquals(0.8, schedule.rate(4), EXACT); // the constant's own rate
    }

    @Test
    void theScheduleAfterAWarmupStartsWhenTheWarmupEnds() {
        LearningRateSchedule schedule =
                LearningRateSchedule.warmup(2, LearningRateSchedule.stepDecay(1.0, 1, 0.5));

        assertEquals(0.5, schedule.rate(0)); // stepDecay(0) * 1/2
        assertEquals(1.0, schedule.rate(1)); // stepDecay(0) * 2/2
        assertEquals(1.0, schedule.rate(2)); // stepDecay(0): the decay's first step
        assertEquals(0.5, schedule.rate(3)); // stepDecay(1) = 1 * 0.5
    }

    @Test
    void everyScheduleDescribesItselfByItsConstants() {
        LearningRateSchedule schedule =
                LearningRateSchedule.warmup(5, LearningRateSchedule.cosine(0.1, 0.0, 100));

        assertEquals(
                "warmup(steps=5, then=cosine(rate=0.1, minRate=0.0, steps=100))",
                schedule.toString());
        assertEquals("constant(0.5)", LearningRateSchedule.constant(0.5).toString());
        assertEquals(
                "stepDecay(rate=1.0, stepSize=10, gamma=0.1)",
                LearningRateSchedule.stepDecay(1.0, 10, 0.1).toString());
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertMessage("rate", () -> LearningRateSchedule.constant(0));
        assertMessage("rate", () -> LearningRateSchedule.constant(Double.NaN));
        assertMessage("rate", () -> LearningRateSchedule.constant(Double.POSITIVE_INFINITY));
        assertMessage("stepSize", () -> LearningRateSchedule.stepDecay(1, 0, 0.5));
        assertMessage("gamma", () -> LearningRateSchedule.stepDecay(1, 1, 1.5));
        assertMessage("gamma", () -> LearningRateSchedule.stepDecay(1, 1, 0));
        assertMessage("minRate", () -> LearningRateSchedule.cosine(1, 2, 10));
        assertMessage("minRate", () -> LearningRateSchedule.cosine(1, -1, 10));
        assertMessage("steps", () -> LearningRateSchedule.cosine(1, 0, 0));
        assertMessage(
                "steps", () -> LearningRateSchedule.warmup(0, LearningRateSchedule.constant(1)));
        assertMessage("null", () -> LearningRateSchedule.warmup(3, null));
    }

    @Test
    void aNegativeStepIsRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LearningRateSchedule.constant(1).rate(-1));

        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    private static void assertMessage(String word, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(word), e.getMessage());
    }
}
