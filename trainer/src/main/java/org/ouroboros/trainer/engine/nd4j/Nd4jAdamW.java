package org.ouroboros.trainer.engine.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.ouroboros.trainer.optim.AdamW;

/**
 * {@link AdamW} on one flat parameter vector: the moments m and v as two more vectors of the same layout,
 * so a step is one pass ({@link HostMath#adamW}, FLOAT on the CPU) or a dozen ND4J ops whatever the model
 * size. Also the global-norm gradient clipping.
 */
final class Nd4jAdamW {
    private final INDArray m;
    private final INDArray v;
    private final INDArray tmp;
    private long step;

    Nd4jAdamW(Parameters params) {
        this.m = params.flat().ulike().assign(0);
        this.v = params.flat().ulike().assign(0);
        this.tmp = params.flat().ulike();
    }

    /** Steps taken so far. */
    long steps() {
        return step;
    }

    /** One update of {@code params} from {@code grads} at learning rate {@code lr}. */
    void step(Parameters params, Parameters grads, AdamW.Config config, double lr) {
        step++;
        AdamW.Step s = AdamW.Step.of(config, step, lr);
        double b1 = config.beta1();
        double b2 = config.beta2();
        INDArray p = params.flat();
        INDArray g = grads.flat();
        if (HostMath.supports(p, g, m, v)) {      // FLOAT on the CPU: the whole update in one pass
            long decayed = config.weightDecay() > 0 ? params.decayed().length() : 0;
            HostMath.adamW(p, g, m, v, decayed, s.decay(), b1, b2, s.stepSize(), s.sqrtBc2(), config.eps());
            return;
        }
        if (config.weightDecay() > 0) {
            params.decayed().muli(s.decay());
        }
        m.muli(b1);
        Nd4j.getBlasWrapper().level1().axpy(m.length(), 1 - b1, g, m);
        v.muli(b2);
        g.mul(g, tmp);
        Nd4j.getBlasWrapper().level1().axpy(v.length(), 1 - b2, tmp, v);
        tmp.assign(v);
        Transforms.sqrt(tmp, false);
        tmp.divi(s.sqrtBc2()).addi(config.eps());
        m.div(tmp, tmp);
        Nd4j.getBlasWrapper().level1().axpy(p.length(), -s.stepSize(), tmp, p);
    }

    /** Frees the moments. */
    void close() {
        m.close();
        v.close();
        tmp.close();
    }

    /**
     * Scales {@code grads} so their global L2 norm is at most {@code maxNorm} (as
     * {@code torch.nn.utils.clip_grad_norm_}); returns the norm before clipping.
     */
    static double clipGradNorm(Parameters grads, double maxNorm) {
        INDArray flat = grads.flat();
        double norm = HostMath.supports(flat) ? Math.sqrt(HostMath.sumOfSquares(flat))
                : flat.norm2Number().doubleValue();
        Transfers.toHost();
        double coef = AdamW.clipCoefficient(norm, maxNorm);
        if (coef < 1) {
            flat.muli(coef);
        }
        return norm;
    }
}
