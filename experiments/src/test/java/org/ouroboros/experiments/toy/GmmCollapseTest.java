package org.ouroboros.experiments.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;

class GmmCollapseTest {
    private static final double[] WEIGHTS = {0.49, 0.49, 0.02};

    @Test
    void minoritySurvivesAccumulateButNotReplace() {
        GmmResult replace = GmmCollapse.run(new GmmConfig(WEIGHTS, 10, 100, 25, 200, ToyRegime.REPLACE, 1));
        GmmResult accumulate = GmmCollapse.run(new GmmConfig(WEIGHTS, 10, 100, 25, 200, ToyRegime.ACCUMULATE, 1));
        double replaceEnd = replace.generations().get(25).minoritySurvival();
        double accumulateEnd = accumulate.generations().get(25).minoritySurvival();
        assertTrue(replaceEnd + 0.2 < accumulateEnd, "replace " + replaceEnd + " vs accumulate " + accumulateEnd);
        // Generation 0 is the same experiment in both regimes: P(minority present in 100 draws) = 1 - 0.98^100.
        double present = 1 - Math.pow(0.98, 100);
        assertEquals(present, replace.generations().get(0).minoritySurvival(), 0.1);
        assertEquals(replace.generations().get(0).minoritySurvival(), accumulate.generations().get(0).minoritySurvival());
        for (GmmGeneration g : replace.generations()) {
            double sum = 0;
            for (double w : g.weights()) {
                assertTrue(Double.isFinite(w) && w >= 0, "finite weights at generation " + g.n());
                sum += w;
            }
            assertEquals(1.0, sum, 1e-9);
        }
    }

    @Test
    void deadComponentStaysDeadWithZeroWeight() {
        Mixture m = Mixture.spaced(new double[] {0.5, 0.5}, 10);
        double[] x = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 5) * 0.1; // all data near component 0
        }
        MixtureEm.fit(m, x, x.length);
        assertEquals(0.0, m.weight[1]);
        assertEquals(1.0, m.weight[0], 1e-12);
        assertEquals(0.2, m.mean[0], 1e-9);
        double[] more = new double[20];
        m.sample(new java.util.SplittableRandom(1), more, 0, 20);
        for (double v : more) {
            assertTrue(Math.abs(v - 0.2) < 2, "sampled only from the live component: " + v);
        }
    }

    @Test
    void sameSeedSameOutputWhateverTheThreadCount() throws Exception {
        GmmConfig config = new GmmConfig(WEIGHTS, 10, 30, 10, 37, ToyRegime.ACCUMULATE, 5);
        String parallel = Json.write(GmmCollapse.run(config));
        String serial = new ForkJoinPool(1).submit(() -> Json.write(GmmCollapse.run(config))).get();
        assertEquals(parallel, serial);
    }

    @Test
    void rejectsWeightsThatAreNotADistribution() {
        assertThrows(BadInputException.class, () -> new GmmConfig(new double[] {0.5, 0.6}, 10, 10, 1, 1, ToyRegime.REPLACE, 1));
        assertThrows(BadInputException.class, () -> new GmmConfig(new double[] {1.0}, 10, 10, 1, 1, ToyRegime.REPLACE, 1));
        assertThrows(BadInputException.class, () -> new GmmConfig(new double[] {1.5, -0.5}, 10, 10, 1, 1, ToyRegime.REPLACE, 1));
    }
}
