package org.backprop4j.backend.ejml;

import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * A tensor of the {@link EjmlBackend}: an EJML dense row-major matrix, {@link DMatrixRMaj} for
 * float64 or {@link FMatrixRMaj} for float32, of the tensor's shape.
 *
 * <p>The matrix is owned by the tensor and never shared with another tensor. Only in-place
 * operations of the backend write to it, so a tensor that no thread updates in place may be read by
 * many threads at once.
 */
public final class EjmlTensor extends Tensor {
    private final DMatrixRMaj float64;
    private final FMatrixRMaj float32;

    EjmlTensor(EjmlBackend backend, DMatrixRMaj matrix) {
        super(backend, Shape.of(matrix.numRows, matrix.numCols), DType.FLOAT64);
        this.float64 = matrix;
        this.float32 = null;
    }

    EjmlTensor(EjmlBackend backend, FMatrixRMaj matrix) {
        super(backend, Shape.of(matrix.numRows, matrix.numCols), DType.FLOAT32);
        this.float64 = null;
        this.float32 = matrix;
    }

    /**
     * The float64 storage.
     *
     * @throws IllegalStateException if this tensor is float32
     */
    DMatrixRMaj float64() {
        if (float64 == null) {
            throw new IllegalStateException("EJML tensor " + shape() + " is " + dtype());
        }
        return float64;
    }

    /**
     * The float32 storage.
     *
     * @throws IllegalStateException if this tensor is float64
     */
    FMatrixRMaj float32() {
        if (float32 == null) {
            throw new IllegalStateException("EJML tensor " + shape() + " is " + dtype());
        }
        return float32;
    }
}
