package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WalkthroughCommandTest {
    /** The last digit printed for losses is 1e-8. */
    private static final double PRINTED_LOSS_TOLERANCE = 0.5e-8;

    /** Central differences with step 1e-6 in float64 are good to about 1e-9 here. */
    private static final double GRADIENT_TOLERANCE = 1e-6;

    private static final Pattern CHECK_ROW =
            Pattern.compile("^  (W1|b1|W2|b2)\\[(\\d),(\\d)\\]\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)$");

    /** The lesson's numbers, which the command prints under "Given". */
    private static final double[] X = {1.0, 2.0};

    private static final double T = 1.0;
    private static final double[][] W1 = {{0.2, -0.4, 0.3}, {0.1, 0.3, 0.2}};
    private static final double[] B1 = {0.1, -0.5, 0.2};
    private static final double[] W2 = {0.6, -0.5, 0.4};
    private static final double B2 = 0.1;

    @Test
    void printsTheLossThatPlainArithmeticGives() {
        String out = runSuccessfully("walkthrough", "--backend", "naive");

        assertEquals(
                new Plain(W1, B1, W2, B2).loss(),
                scalar(out, "L  = mean((y - t)^2)"),
                PRINTED_LOSS_TOLERANCE);
    }

    @Test
    void analyticAndNumericalGradientsAgreeWithEachOtherAndWithPlainArithmetic() {
        String out = runSuccessfully("walkthrough");
        Plain plain = new Plain(W1, B1, W2, B2);

        List<Matcher> rows = checkRows(out);

        assertEquals(13, rows.size(), "one row per entry of W1, b1, W2 and b2:\n" + out);
        for (Matcher row : rows) {
            double analytic = Double.parseDouble(row.group(4));
            double numerical = Double.parseDouble(row.group(5));
            double difference = Double.parseDouble(row.group(6));
            double expected =
                    plain.gradient(
                            row.group(1),
                            Integer.parseInt(row.group(2)),
                            Integer.parseInt(row.group(3)));
            assertAll(
                    row.group(),
                    () -> assertEquals(analytic, numerical, GRADIENT_TOLERANCE),
                    () -> assertEquals(expected, analytic, 1e-9),
                    () -> assertTrue(Math.abs(difference) <= GRADIENT_TOLERANCE));
        }
    }

    @Test
    void oneStepLowersTheLossToWhatPlainSgdGives() {
        for (double lr : new double[] {0.1, 0.05}) {
            String out = runSuccessfully("walkthrough", "--lr", Double.toString(lr));
            Plain stepped = new Plain(W1, B1, W2, B2).afterStep(lr);

            double before = scalar(out, "L before the step");
            double after = scalar(out, "L after the step");

            assertTrue(after < before, "lr " + lr + ": " + before + " -> " + after);
            assertEquals(stepped.loss(), after, PRINTED_LOSS_TOLERANCE, "lr " + lr);
            assertTrue(out.contains("The loss went down"), out);
        }
    }

    @Test
    void theMaskShowsTheInactiveHiddenUnit() {
        String out = runSuccessfully("walkthrough");

        Matcher mask = Pattern.compile("(?m)^  mask .*\\[(.*)\\]$").matcher(out);

        assertTrue(mask.find(), out);
        assertEquals("1.0000   0.0000   1.0000", mask.group(1).trim());
    }

    @Test
    void fitsInOneHundredColumns() {
        String out = runSuccessfully("walkthrough");

        for (String line : out.split("\n")) {
            assertTrue(line.length() <= 100, line.length() + " columns: " + line);
        }
    }

    @Test
    void refusesFloat32WithAMessageNamingTheFix() {
        ProgramRun run = ProgramRun.of("walkthrough", "--dtype", "float32");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("float64 only"), run.err());
        assertTrue(run.err().contains("Drop the --dtype option"), run.err());
    }

    private static double scalar(String out, String label) {
        Matcher matcher =
                Pattern.compile("(?m)^  " + Pattern.quote(label) + "\\s+(\\S+)$").matcher(out);
        assertTrue(matcher.find(), "no line '" + label + "' in:\n" + out);
        return Double.parseDouble(matcher.group(1));
    }

    private static List<Matcher> checkRows(String out) {
        List<Matcher> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher matcher = CHECK_ROW.matcher(line);
            if (matcher.matches()) {
                rows.add(matcher);
            }
        }
        return rows;
    }

    private static String runSuccessfully(String... args) {
        ProgramRun run = ProgramRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        return run.out();
    }

    /** The 2-3-1 ReLU network and its MSE gradients on the one sample, in plain arithmetic. */
    private static final class Plain {
        private final double[][] w1;
        private final double[] b1;
        private final double[] w2;
        private final double b2;
        private final double[] z1 = new double[3];
        private final double[] h = new double[3];
        private final double y;

        Plain(double[][] w1, double[] b1, double[] w2, double b2) {
            this.w1 = w1;
            this.b1 = b1;
            this.w2 = w2;
            this.b2 = b2;
            double sum = b2;
            for (int j = 0; j < 3; j++) {
                z1[j] = X[0] * w1[0][j] + X[1] * w1[1][j] + b1[j];
                h[j] = Math.max(z1[j], 0);
                sum += h[j] * w2[j];
            }
            y = sum;
        }

        double loss() {
            return (y - T) * (y - T);
        }

        double gradient(String symbol, int row, int col) {
            return switch (symbol) {
                case "b2" -> gradientOfY();
                case "W2" -> gradientOfY() * h[row];
                case "b1" -> gradientOfZ1(col);
                case "W1" -> gradientOfZ1(col) * X[row];
                default -> throw new IllegalArgumentException("No parameter " + symbol);
            };
        }

        private double gradientOfY() {
            return 2 * (y - T);
        }

        private double gradientOfZ1(int unit) {
            return z1[unit] > 0 ? gradientOfY() * w2[unit] : 0;
        }

        Plain afterStep(double lr) {
            double[][] newW1 = new double[2][3];
            double[] newB1 = new double[3];
            double[] newW2 = new double[3];
            for (int j = 0; j < 3; j++) {
                newW1[0][j] = w1[0][j] - lr * gradient("W1", 0, j);
                newW1[1][j] = w1[1][j] - lr * gradient("W1", 1, j);
                newB1[j] = b1[j] - lr * gradient("b1", 0, j);
                newW2[j] = w2[j] - lr * gradient("W2", j, 0);
            }
            return new Plain(newW1, newB1, newW2, b2 - lr * gradient("b2", 0, 0));
        }
    }
}
