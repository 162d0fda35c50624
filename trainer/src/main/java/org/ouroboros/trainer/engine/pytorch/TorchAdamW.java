package org.ouroboros.trainer.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import org.ouroboros.trainer.optim.AdamW;

/**
 * AdamW and gradient-norm clipping on the device, with exactly {@link AdamW}'s semantics (those of
 * {@code torch.optim.AdamW} and {@code clip_grad_norm_}): decoupled decay {@code p *= 1 - lr*wd} on the
 * matrices only, then {@code p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)}. Moments are float32 tensors
 * beside the parameters; only the gradient norm comes back to the host.
 */
final class TorchAdamW implements AutoCloseable {
    private final List<NDArray> params;
    private final NDManager manager;
    private NDArray[] m;
    private NDArray[] v;
    private long step;

    TorchAdamW(List<NDArray> params, NDManager parent) {
        this.params = params;
        this.manager = parent.newSubManager();
    }

    /** Steps taken so far. */
    long steps() {
        return step;
    }

    /** Sets every gradient to zero (they accumulate over micro-batches). */
    void zeroGradients() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (NDArray p : params) {
                NDArray g = p.getGradient();
                g.muli(0);
            }
        }
    }

    /** Global L2 norm of the gradients, scaled down to {@code maxNorm} when above it (coef maxNorm/(norm+1e-6)). */
    double clip(double maxNorm) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList squares = new NDList(params.size());
            for (NDArray p : params) {
                NDArray g = p.getGradient();
                squares.add(g.square().sum());
            }
            double norm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
            if (maxNorm > 0 && Double.isFinite(norm)) {
                double coef = maxNorm / (norm + 1e-6);
                if (coef < 1) {
                    for (NDArray p : params) {
                        p.getGradient().muli(coef);
                    }
                }
            }
            return norm;
        }
    }

    /** One AdamW update of every parameter from its gradient at learning rate {@code lr}. */
    void step(AdamW.Config config, double lr) {
        if (m == null) {
            m = new NDArray[params.size()];
            v = new NDArray[params.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = manager.zeros(params.get(i).getShape());
                v[i] = manager.zeros(params.get(i).getShape());
            }
        }
        step++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double bc1 = 1 - Math.pow(b1, step);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(b2, step));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (int i = 0; i < m.length; i++) {
                NDArray p = params.get(i);
                NDArray g = p.getGradient();
                if (config.weightDecay() > 0 && TorchWeights.decayed(p)) {
                    p.muli(1 - lr * config.weightDecay());
                }
                m[i].muli(b1).addi(g.mul(1 - b1));
                v[i].muli(b2).addi(g.square().muli(1 - b2));
                NDArray denom = v[i].sqrt().divi(sqrtBc2).addi(config.eps());
                p.subi(m[i].div(denom).muli(lr / bc1));
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
