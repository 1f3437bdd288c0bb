package org.backprop4j.backend.ejml;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * The float32 kernels of the EJML backend, on {@link FMatrixRMaj}; the mirror of {@link
 * EjmlFloat64Ops}, whose comment says where EJML serves and where a loop does.
 *
 * <p>Products run in float as EJML's kernels do. Elsewhere each element is computed in double and
 * rounded once when stored, and sums accumulate in double, so an operation adds no error beyond the
 * rounding of its result: float32 stays as close to the float64 reference as its storage allows.
 */
final class EjmlFloat32Ops {

    private EjmlFloat32Ops() {}

    /** One of EJML's products: {@code out = alpha * op(a) * op(b)}, or {@code out +=} that. */
    private interface Product {
        void apply(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj out);
    }

    // Indexed [concurrent][form], form = (transposeA ? 1 : 0) + (transposeB ? 2 : 0). EJML's mult*
    // assign each output element rather than accumulate into it, so whatever out held before, NaN
    // included, is ignored, as beta = 0 requires.
    private static final Product[][] ASSIGNING = {
        {
            CommonOps_FDRM::mult,
            CommonOps_FDRM::multTransA,
            CommonOps_FDRM::multTransB,
            CommonOps_FDRM::multTransAB
        },
        {
            CommonOps_MT_FDRM::mult,
            CommonOps_MT_FDRM::multTransA,
            CommonOps_MT_FDRM::multTransB,
            CommonOps_MT_FDRM::multTransAB
        }
    };

    private static final Product[][] ADDING = {
        {
            CommonOps_FDRM::multAdd,
            CommonOps_FDRM::multAddTransA,
            CommonOps_FDRM::multAddTransB,
            CommonOps_FDRM::multAddTransAB
        },
        {
            CommonOps_MT_FDRM::multAdd,
            CommonOps_MT_FDRM::multAddTransA,
            CommonOps_MT_FDRM::multAddTransB,
            CommonOps_MT_FDRM::multAddTransAB
        }
    };

    /**
     * {@code out = alpha * op(a) * op(b) + beta * out} with EJML's kernel for the form, never a
     * materialized transpose; the concurrent kernels when {@code concurrent} is set.
     */
    static void multiplyInPlace(
            FMatrixRMaj out,
            float alpha,
            FMatrixRMaj a,
            boolean transposeA,
            FMatrixRMaj b,
            boolean transposeB,
            float beta,
            boolean concurrent) {
        int threading = concurrent ? 1 : 0;
        int form = (transposeA ? 1 : 0) + (transposeB ? 2 : 0);

        if (beta == 0) {
            ASSIGNING[threading][form].apply(alpha, a, b, out);
            return;
        }
        if (beta != 1) {
            CommonOps_FDRM.scale(beta, out);
        }
        ADDING[threading][form].apply(alpha, a, b, out);
    }

    /** {@code a op b}, with {@code b} of a's shape, a row, a column or 1x1. */
    static FMatrixRMaj binary(EjmlArithmetic op, FMatrixRMaj a, FMatrixRMaj b) {
        FMatrixRMaj out = new FMatrixRMaj(a.numRows, a.numCols);
        float[] x = a.data;
        float[] y = b.data;
        float[] z = out.data;
        // Steps through b of zero along a broadcast axis; on a non-broadcast axis of length one
        // the step is never taken, so zero is as good as the true stride there.
        int rowStep = b.numRows == 1 ? 0 : b.numCols;
        int colStep = b.numCols == 1 ? 0 : 1;

        for (int row = 0, i = 0; row < a.numRows; row++) {
            int rowStart = row * rowStep;
            for (int col = 0; col < a.numCols; col++, i++) {
                z[i] = op.apply(x[i], y[rowStart + col * colStep]);
            }
        }
        return out;
    }

    static FMatrixRMaj exp(FMatrixRMaj a) {
        return CommonOps_FDRM.elementExp(a, new FMatrixRMaj(a.numRows, a.numCols));
    }

    static FMatrixRMaj log(FMatrixRMaj a) {
        return CommonOps_FDRM.elementLog(a, new FMatrixRMaj(a.numRows, a.numCols));
    }

    static FMatrixRMaj sqrt(FMatrixRMaj a) {
        FMatrixRMaj out = new FMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = (float) Math.sqrt(a.data[i]);
        }
        return out;
    }

    static FMatrixRMaj reciprocal(FMatrixRMaj a) {
        return CommonOps_FDRM.divide(1f, a, new FMatrixRMaj(a.numRows, a.numCols));
    }

    /** {@code a * scale + shift}; an exact copy, signed zeros included, for scale 1 and shift 0. */
    static FMatrixRMaj affine(FMatrixRMaj a, double scale, double shift) {
        if (scale == 1 && shift == 0) {
            return a.copy();
        }
        FMatrixRMaj out = new FMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = (float) (a.data[i] * scale + shift);
        }
        return out;
    }

    static FMatrixRMaj maximum(FMatrixRMaj a, double floor) {
        FMatrixRMaj out = new FMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = (float) Math.max(a.data[i], floor);
        }
        return out;
    }

    static FMatrixRMaj greaterThan(FMatrixRMaj a, double threshold) {
        FMatrixRMaj out = new FMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = a.data[i] > threshold ? 1 : 0;
        }
        return out;
    }

    /** The batch sum of each column, {@code 1 x cols}. */
    static FMatrixRMaj sumColumns(FMatrixRMaj a) {
        double[] totals = new double[a.numCols];
        for (int row = 0, i = 0; row < a.numRows; row++) {
            for (int col = 0; col < a.numCols; col++, i++) {
                totals[col] += a.data[i];
            }
        }
        return rounded(1, a.numCols, totals);
    }

    /** The sum of each row, {@code rows x 1}. */
    static FMatrixRMaj sumRows(FMatrixRMaj a) {
        double[] totals = new double[a.numRows];
        for (int row = 0; row < a.numRows; row++) {
            totals[row] = rowSum(a, row);
        }
        return rounded(a.numRows, 1, totals);
    }

    /** The largest value of each row, {@code rows x 1}: NaN if the row holds one. */
    static FMatrixRMaj maxRows(FMatrixRMaj a) {
        FMatrixRMaj out = new FMatrixRMaj(a.numRows, 1);
        for (int row = 0; row < a.numRows; row++) {
            out.data[row] = (float) rowMax(a, row);
        }
        return out;
    }

    /** The first column of the largest value of each row, NaN never being the largest. */
    static int[] argmaxRows(FMatrixRMaj a) {
        int[] columns = new int[a.numRows];
        for (int row = 0; row < a.numRows; row++) {
            int start = row * a.numCols;
            int best = 0;
            for (int col = 1; col < a.numCols; col++) {
                if (a.data[start + col] > a.data[start + best]) {
                    best = col;
                }
            }
            columns[row] = best;
        }
        return columns;
    }

    static double sum(FMatrixRMaj a) {
        double total = 0;
        for (int row = 0; row < a.numRows; row++) {
            total += rowSum(a, row);
        }
        return total;
    }

    static void addScaledInPlace(FMatrixRMaj target, double alpha, FMatrixRMaj x) {
        for (int i = 0; i < target.data.length; i++) {
            target.data[i] = (float) (target.data[i] + alpha * x.data[i]);
        }
    }

    static void scaleInPlace(FMatrixRMaj target, double factor) {
        for (int i = 0; i < target.data.length; i++) {
            target.data[i] = (float) (target.data[i] * factor);
        }
    }

    static void fillInPlace(FMatrixRMaj target, double value) {
        CommonOps_FDRM.fill(target, (float) value);
    }

    static void copyInPlace(FMatrixRMaj target, FMatrixRMaj source) {
        System.arraycopy(source.data, 0, target.data, 0, target.getNumElements());
    }

    static FMatrixRMaj reluBackward(FMatrixRMaj gradOut, FMatrixRMaj input) {
        FMatrixRMaj out = new FMatrixRMaj(gradOut.numRows, gradOut.numCols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = input.data[i] > 0 ? gradOut.data[i] : 0;
        }
        return out;
    }

    static FMatrixRMaj sigmoid(FMatrixRMaj a) {
        FMatrixRMaj out = new FMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < out.data.length; i++) {
            // e^-x overflows to infinity below about -709, and 1 / inf is the right limit, 0.
            out.data[i] = (float) (1 / (1 + Math.exp(-a.data[i])));
        }
        return out;
    }

    static FMatrixRMaj tanh(FMatrixRMaj a) {
        FMatrixRMaj out = new FMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = (float) Math.tanh(a.data[i]);
        }
        return out;
    }

    static FMatrixRMaj softmaxRows(FMatrixRMaj a) {
        FMatrixRMaj out = new FMatrixRMaj(a.numRows, a.numCols);
        double[] exps = new double[a.numCols];
        for (int row = 0; row < a.numRows; row++) {
            double max = rowMax(a, row);
            int start = row * a.numCols;
            int end = start + a.numCols;
            double total = 0;
            for (int i = start; i < end; i++) {
                exps[i - start] = Math.exp(a.data[i] - max);
                total += exps[i - start];
            }
            for (int i = start; i < end; i++) {
                out.data[i] = (float) (exps[i - start] / total);
            }
        }
        return out;
    }

    static FMatrixRMaj logSumExpRows(FMatrixRMaj a) {
        FMatrixRMaj out = new FMatrixRMaj(a.numRows, 1);
        for (int row = 0; row < a.numRows; row++) {
            double max = rowMax(a, row);
            int start = row * a.numCols;
            double total = 0;
            for (int i = start; i < start + a.numCols; i++) {
                total += Math.exp(a.data[i] - max);
            }
            out.data[row] = (float) (Math.log(total) + max);
        }
        return out;
    }

    static FMatrixRMaj pickColumns(FMatrixRMaj a, int[] columns) {
        FMatrixRMaj out = new FMatrixRMaj(a.numRows, 1);
        for (int row = 0; row < a.numRows; row++) {
            out.data[row] = a.data[row * a.numCols + columns[row]];
        }
        return out;
    }

    private static double rowSum(FMatrixRMaj a, int row) {
        int start = row * a.numCols;
        double total = 0;
        for (int i = start; i < start + a.numCols; i++) {
            total += a.data[i];
        }
        return total;
    }

    private static FMatrixRMaj rounded(int rows, int cols, double[] values) {
        FMatrixRMaj out = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < values.length; i++) {
            out.data[i] = (float) values[i];
        }
        return out;
    }

    private static double rowMax(FMatrixRMaj a, int row) {
        int start = row * a.numCols;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = start; i < start + a.numCols; i++) {
            max = Math.max(max, a.data[i]);
        }
        return max;
    }
}
