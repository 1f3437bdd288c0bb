package org.backprop4j.optim;

import org.backprop4j.nn.Parameter;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;

/** The moment estimates and bias-corrected step shared by {@link Adam} and {@link AdamW}. */
final class AdamUpdate {
    static final int M = 0;
    static final int V = 1;

    private final double beta1;
    private final double beta2;
    private final double epsilon;

    AdamUpdate(String kind, double beta1, double beta2, double epsilon) {
        requireBeta(kind, "beta1", beta1);
        requireBeta(kind, "beta2", beta2);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(
                    kind
                            + ": epsilon must be positive and finite, got "
                            + epsilon
                            + "; 1e-8 is usual");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    private static void requireBeta(String kind, String name, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(
                    kind + ": " + name + " must be in [0, 1), got " + beta);
        }
    }

    double beta1() {
        return beta1;
    }

    double beta2() {
        return beta2;
    }

    double epsilon() {
        return epsilon;
    }

    // The scope frees the temporaries (g^2, sqrt(v), the ratio) at once on native backends.
    @SuppressWarnings("try")
    void applyInPlace(Parameter parameter, ParameterStates.Slots state, double rate) {
        Backend backend = parameter.backend();
        Tensor gradient = parameter.gradient();
        Tensor m = state.get(M);
        Tensor v = state.get(V);
        long t = state.steps();
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);

        backend.scaleInPlace(m, beta1);
        backend.addScaledInPlace(m, 1 - beta1, gradient);
        backend.scaleInPlace(v, beta2);
        try (TensorScope scope = backend.openScope()) {
            backend.addScaledInPlace(v, 1 - beta2, backend.mul(gradient, gradient));
            // sqrt(v / c2) + eps = sqrt(v) / sqrt(c2) + eps, and m_hat = m / c1 goes into the
            // factor of the update: the same arithmetic as the paper's, one tensor fewer.
            Tensor denominator =
                    backend.affine(backend.sqrt(v), 1 / Math.sqrt(correction2), epsilon);
            backend.addScaledInPlace(
                    parameter.value(), -rate / correction1, backend.div(m, denominator));
        }
    }
}
