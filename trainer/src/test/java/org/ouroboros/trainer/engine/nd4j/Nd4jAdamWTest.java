package org.ouroboros.trainer.engine.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.optim.AdamW;
import org.ouroboros.trainer.optim.LrSchedule;

class Nd4jAdamWTest {
    private static final OptConfig CFG = new OptConfig(8, 4, 1, 2, 8, 4, 1, 1, 0);

    @Test
    void matchesTorchAdamWWrittenOutElementByElement() {
        assertMatchesTorch(DataType.DOUBLE, 1e-12);      // ND4J ops
    }

    @Test
    void floatStepsTakeTheVectorKernelAndMatchToo() {
        CpuBackend.assume();
        assertTrue(HostMath.supports(Parameters.zeros(ParameterLayout.of(CFG), DataType.FLOAT).flat()));
        assertMatchesTorch(DataType.FLOAT, 2e-6);        // HostMath.adamW, in float
    }

    private static void assertMatchesTorch(DataType type, double tolerance) {
        ParameterLayout layout = ParameterLayout.of(CFG);
        Parameters p = Parameters.zeros(layout, type);
        Parameters g = Parameters.zeros(layout, type);
        int n = (int) layout.totalSize();
        SplittableRandom rng = new SplittableRandom(3);
        double[] ref = new double[n];
        for (int i = 0; i < n; i++) {
            ref[i] = rng.nextDouble(-1, 1);
        }
        p.flat().assign(org.nd4j.linalg.factory.Nd4j.createFromArray(ref).castTo(type));
        double[] m = new double[n];
        double[] v = new double[n];
        double lr = 0.01;
        double wd = 0.1;
        AdamW.Config config = new AdamW.Config(0.9, 0.999, 1e-8, wd);
        Nd4jAdamW adam = new Nd4jAdamW(p);
        for (int step = 1; step <= 3; step++) {
            double[] grad = new double[n];
            for (int i = 0; i < n; i++) {
                grad[i] = rng.nextDouble(-1, 1);
            }
            g.flat().assign(org.nd4j.linalg.factory.Nd4j.createFromArray(grad).castTo(type));
            adam.step(p, g, config, lr);
            double bc1 = 1 - Math.pow(0.9, step);
            double bc2 = 1 - Math.pow(0.999, step);
            for (int i = 0; i < n; i++) {
                if (i < layout.decayedSize()) {
                    ref[i] *= 1 - lr * wd;
                }
                m[i] = 0.9 * m[i] + 0.1 * grad[i];
                v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
                ref[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + 1e-8);
            }
        }
        double[] got = p.flat().toDoubleVector();
        for (int i = 0; i < n; i++) {
            assertEquals(ref[i], got[i], tolerance, type + " element " + i);
        }
    }

    @Test
    void clippingScalesToTheMaximumNorm() {
        Parameters g = Parameters.zeros(ParameterLayout.of(CFG), DataType.FLOAT);
        g.flat().assign(2.0);
        double before = Nd4jAdamW.clipGradNorm(g, 1.0);
        assertEquals(2.0 * Math.sqrt(g.flat().length()), before, 1e-3);
        assertEquals(1.0, g.flat().norm2Number().doubleValue(), 1e-5);
        g.flat().assign(1e-4);
        Nd4jAdamW.clipGradNorm(g, 1.0);
        assertEquals(1e-4, g.flat().getDouble(0), 1e-9, "small gradients are left alone");
    }

    @Test
    void scheduleWarmsUpThenDecaysToTheMinimum() {
        LrSchedule s = new LrSchedule(1e-3, 1e-5, 10, 110);
        assertEquals(1e-4, s.at(0), 1e-12);
        assertEquals(1e-3, s.at(9), 1e-12);
        assertEquals(1e-3, s.at(10), 1e-12);
        assertEquals((1e-3 + 1e-5) / 2, s.at(60), 1e-12);
        assertEquals(1e-5, s.at(110), 1e-12);
        LrSchedule noWarmup = new LrSchedule(2e-5, 1e-6, 0, 5);
        assertEquals(2e-5, noWarmup.at(0), 1e-15);
    }
}
