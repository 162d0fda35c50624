package org.ouroboros.trainer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.ouroboros.trainer.engine.nd4j.HostMath;
import org.ouroboros.trainer.engine.nd4j.Parameters;

/**
 * AdamW with decoupled weight decay, step for step as {@code torch.optim.AdamW} computes it:
 * {@code p *= 1 - lr*wd} (decayed tensors only), then {@code p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)}.
 * Works on the whole flat parameter vector at once, so a step is a dozen ND4J ops whatever the model size.
 */
public final class AdamW {
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

    private final Config config;
    private final INDArray m;
    private final INDArray v;
    private final INDArray tmp;
    private long step;

    public AdamW(Parameters params, Config config) {
        this.config = config;
        this.m = params.flat().ulike().assign(0);
        this.v = params.flat().ulike().assign(0);
        this.tmp = params.flat().ulike();
    }

    /** Steps taken so far. */
    public long steps() {
        return step;
    }

    /** One update of {@code params} from {@code grads} at learning rate {@code lr}. */
    public void step(Parameters params, Parameters grads, double lr) {
        step++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double bc1 = 1 - Math.pow(b1, step);
        double bc2 = 1 - Math.pow(b2, step);
        INDArray p = params.flat();
        INDArray g = grads.flat();
        if (HostMath.supports(p, g, m, v)) {      // FLOAT on the CPU: the whole update in one pass
            long decayed = config.weightDecay() > 0 ? params.decayed().length() : 0;
            HostMath.adamW(p, g, m, v, decayed, 1 - lr * config.weightDecay(), b1, b2, lr / bc1, Math.sqrt(bc2),
                    config.eps());
            return;
        }
        if (config.weightDecay() > 0) {
            params.decayed().muli(1 - lr * config.weightDecay());
        }
        m.muli(b1);
        Nd4j.getBlasWrapper().level1().axpy(m.length(), 1 - b1, g, m);
        v.muli(b2);
        g.mul(g, tmp);
        Nd4j.getBlasWrapper().level1().axpy(v.length(), 1 - b2, tmp, v);
        tmp.assign(v);
        Transforms.sqrt(tmp, false);
        tmp.divi(Math.sqrt(bc2)).addi(config.eps());
        m.div(tmp, tmp);
        Nd4j.getBlasWrapper().level1().axpy(p.length(), -lr / bc1, tmp, p);
    }

    /**
     * Scales {@code grads} so their global L2 norm is at most {@code maxNorm} (as
     * {@code torch.nn.utils.clip_grad_norm_}); returns the norm before clipping.
     */
    public static double clipGradNorm(Parameters grads, double maxNorm) {
        INDArray flat = grads.flat();
        double norm = HostMath.supports(flat) ? Math.sqrt(HostMath.sumOfSquares(flat))
                : flat.norm2Number().doubleValue();
        if (maxNorm > 0 && Double.isFinite(norm)) {
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1) {
                grads.flat().muli(coef);
            }
        }
        return norm;
    }
}
