package org.backprop4j.backend.ejml;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * The float64 kernels of the EJML backend, on {@link DMatrixRMaj}. Each returns a new matrix or
 * writes only the argument its name says; {@link EjmlFloat32Ops} mirrors it method for method.
 *
 * <p>EJML's {@code CommonOps_DDRM} serves where it computes exactly the operation wanted. Its
 * {@code maxRows} does not (it starts from {@code -Double.MAX_VALUE} and skips NaN), and
 * broadcasting and the fused operations have no EJML counterpart, so those are single loops over
 * the row-major array.
 */
final class EjmlFloat64Ops {

    private EjmlFloat64Ops() {}

    /** One of EJML's products: {@code out = alpha * op(a) * op(b)}, or {@code out +=} that. */
    private interface Product {
        void apply(double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out);
    }

    // Indexed [concurrent][form], form = (transposeA ? 1 : 0) + (transposeB ? 2 : 0). EJML's mult*
    // assign each output element rather than accumulate into it, so whatever out held before, NaN
    // included, is ignored, as beta = 0 requires.
    private static final Product[][] ASSIGNING = {
        {
            CommonOps_DDRM::mult,
            CommonOps_DDRM::multTransA,
            CommonOps_DDRM::multTransB,
            CommonOps_DDRM::multTransAB
        },
        {
            CommonOps_MT_DDRM::mult,
            CommonOps_MT_DDRM::multTransA,
            CommonOps_MT_DDRM::multTransB,
            CommonOps_MT_DDRM::multTransAB
        }
    };

    private static final Product[][] ADDING = {
        {
            CommonOps_DDRM::multAdd,
            CommonOps_DDRM::multAddTransA,
            CommonOps_DDRM::multAddTransB,
            CommonOps_DDRM::multAddTransAB
        },
        {
            CommonOps_MT_DDRM::multAdd,
            CommonOps_MT_DDRM::multAddTransA,
            CommonOps_MT_DDRM::multAddTransB,
            CommonOps_MT_DDRM::multAddTransAB
        }
    };

    /**
     * {@code out = alpha * op(a) * op(b) + beta * out} with EJML's kernel for the form, never a
     * materialized transpose; the concurrent kernels when {@code concurrent} is set.
     */
    static void multiplyInPlace(
            DMatrixRMaj out,
            double alpha,
            DMatrixRMaj a,
            boolean transposeA,
            DMatrixRMaj b,
            boolean transposeB,
            double beta,
            boolean concurrent) {
        int threading = concurrent ? 1 : 0;
        int form = (transposeA ? 1 : 0) + (transposeB ? 2 : 0);

        if (beta == 0) {
            ASSIGNING[threading][form].apply(alpha, a, b, out);
            return;
        }
        if (beta != 1) {
            CommonOps_DDRM.scale(beta, out);
        }
        ADDING[threading][form].apply(alpha, a, b, out);
    }

    /** {@code a op b}, with {@code b} of a's shape, a row, a column or 1x1. */
    static DMatrixRMaj binary(EjmlArithmetic op, DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        double[] x = a.data;
        double[] y = b.data;
        double[] z = out.data;
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

    static DMatrixRMaj exp(DMatrixRMaj a) {
        return CommonOps_DDRM.elementExp(a, new DMatrixRMaj(a.numRows, a.numCols));
    }

    static DMatrixRMaj log(DMatrixRMaj a) {
        return CommonOps_DDRM.elementLog(a, new DMatrixRMaj(a.numRows, a.numCols));
    }

    static DMatrixRMaj sqrt(DMatrixRMaj a) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = Math.sqrt(a.data[i]);
        }
        return out;
    }

    static DMatrixRMaj reciprocal(DMatrixRMaj a) {
        return CommonOps_DDRM.divide(1.0, a, new DMatrixRMaj(a.numRows, a.numCols));
    }

    /** {@code a * scale + shift}; an exact copy, signed zeros included, for scale 1 and shift 0. */
    static DMatrixRMaj affine(DMatrixRMaj a, double scale, double shift) {
        if (scale == 1 && shift == 0) {
            return a.copy();
        }
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = a.data[i] * scale + shift;
        }
        return out;
    }

    static DMatrixRMaj maximum(DMatrixRMaj a, double floor) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = Math.max(a.data[i], floor);
        }
        return out;
    }

    static DMatrixRMaj greaterThan(DMatrixRMaj a, double threshold) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = a.data[i] > threshold ? 1 : 0;
        }
        return out;
    }

    /** The batch sum of each column, {@code 1 x cols}. */
    static DMatrixRMaj sumColumns(DMatrixRMaj a) {
        return CommonOps_DDRM.sumCols(a, new DMatrixRMaj(1, a.numCols));
    }

    /** The sum of each row, {@code rows x 1}. */
    static DMatrixRMaj sumRows(DMatrixRMaj a) {
        return CommonOps_DDRM.sumRows(a, new DMatrixRMaj(a.numRows, 1));
    }

    /** The largest value of each row, {@code rows x 1}: NaN if the row holds one. */
    static DMatrixRMaj maxRows(DMatrixRMaj a) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, 1);
        for (int row = 0; row < a.numRows; row++) {
            out.data[row] = rowMax(a, row);
        }
        return out;
    }

    /** The first column of the largest value of each row, NaN never being the largest. */
    static int[] argmaxRows(DMatrixRMaj a) {
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

    static double sum(DMatrixRMaj a) {
        return CommonOps_DDRM.elementSum(a);
    }

    static void addScaledInPlace(DMatrixRMaj target, double alpha, DMatrixRMaj x) {
        CommonOps_DDRM.addEquals(target, alpha, x);
    }

    static void scaleInPlace(DMatrixRMaj target, double factor) {
        CommonOps_DDRM.scale(factor, target);
    }

    static void fillInPlace(DMatrixRMaj target, double value) {
        CommonOps_DDRM.fill(target, value);
    }

    static void copyInPlace(DMatrixRMaj target, DMatrixRMaj source) {
        System.arraycopy(source.data, 0, target.data, 0, target.getNumElements());
    }

    static DMatrixRMaj reluBackward(DMatrixRMaj gradOut, DMatrixRMaj input) {
        DMatrixRMaj out = new DMatrixRMaj(gradOut.numRows, gradOut.numCols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = input.data[i] > 0 ? gradOut.data[i] : 0;
        }
        return out;
    }

    static DMatrixRMaj sigmoid(DMatrixRMaj a) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < out.data.length; i++) {
            // e^-x overflows to infinity below about -709, and 1 / inf is the right limit, 0.
            out.data[i] = 1 / (1 + Math.exp(-a.data[i]));
        }
        return out;
    }

    static DMatrixRMaj tanh(DMatrixRMaj a) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = Math.tanh(a.data[i]);
        }
        return out;
    }

    static DMatrixRMaj softmaxRows(DMatrixRMaj a) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        for (int row = 0; row < a.numRows; row++) {
            double max = rowMax(a, row);
            int start = row * a.numCols;
            int end = start + a.numCols;
            double total = 0;
            for (int i = start; i < end; i++) {
                out.data[i] = Math.exp(a.data[i] - max);
                total += out.data[i];
            }
            for (int i = start; i < end; i++) {
                out.data[i] /= total;
            }
        }
        return out;
    }

    static DMatrixRMaj logSumExpRows(DMatrixRMaj a) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, 1);
        for (int row = 0; row < a.numRows; row++) {
            double max = rowMax(a, row);
            int start = row * a.numCols;
            double total = 0;
            for (int i = start; i < start + a.numCols; i++) {
                total += Math.exp(a.data[i] - max);
            }
            out.data[row] = Math.log(total) + max;
        }
        return out;
    }

    static DMatrixRMaj pickColumns(DMatrixRMaj a, int[] columns) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, 1);
        for (int row = 0; row < a.numRows; row++) {
            out.data[row] = a.data[row * a.numCols + columns[row]];
        }
        return out;
    }

    private static double rowMax(DMatrixRMaj a, int row) {
        int start = row * a.numCols;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = start; i < start + a.numCols; i++) {
            max = Math.max(max, a.data[i]);
        }
        return max;
    }
}
