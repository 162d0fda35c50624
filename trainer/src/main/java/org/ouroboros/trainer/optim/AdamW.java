package org.ouroboros.trainer.optim;

/**
 * AdamW with decoupled weight decay, as {@code torch.optim.AdamW} computes it, which every engine's
 * {@code LanguageModel.adamWStep} follows step for step: with step count t (incremented first),
 * {@code bc1 = 1 - beta1^t}, {@code bc2 = 1 - beta2^t}:
 * <pre>
 *   p *= 1 - lr*wd                      (decayed tensors only: embeddings and Linear weights)
 *   m  = beta1 m + (1 - beta1) g
 *   v  = beta2 v + (1 - beta2) g^2
 *   p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)
 * </pre>
 * This class holds the hyper-parameters and the scalars of a step; the element-wise work is the engine's.
 */
public final class AdamW {
    private AdamW() {
    }

    /** Hyper-parameters; PyTorch's defaults except the weight decay, which HF's Trainer sets to 0 unless asked. */
    public record Config(double beta1, double beta2, double eps, double weightDecay) {
        public Config {
            if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
                throw new IllegalArgumentException("betas must lie in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (eps <= 0 || weightDecay < 0) {
                throw new IllegalArgumentException("eps must be > 0 and weight decay >= 0");
            }
        }

        public static Config defaults(double weightDecay) {
            return new Config(0.9, 0.999, 1e-8, weightDecay);
        }
    }

    /**
     * The scalars of step {@code t} (1-based) at {@code lr}: the decay factor {@code 1 - lr*wd}, the step size
     * {@code lr/bc1} and {@code sqrt(bc2)}.
     */
    public record Step(double decay, double stepSize, double sqrtBc2) {
        public static Step of(Config c, long t, double lr) {
            double bc1 = 1 - Math.pow(c.beta1(), t);
            double bc2 = 1 - Math.pow(c.beta2(), t);
            return new Step(1 - lr * c.weightDecay(), lr / bc1, Math.sqrt(bc2));
        }
    }

    /** The clipping factor of {@code torch.nn.utils.clip_grad_norm_}: {@code maxNorm / (norm + 1e-6)}, at most 1. */
    public static double clipCoefficient(double norm, double maxNorm) {
        if (maxNorm <= 0 || !Double.isFinite(norm)) {
            return 1.0;
        }
        return Math.min(1.0, maxNorm / (norm + 1e-6));
    }
}
