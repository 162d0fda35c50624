package org.ouroboros.experiments.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ouroboros.experiments.config.RegimeConfig;
import org.ouroboros.experiments.metrics.UnigramMetrics;

class RegimesTest {
    private static final int R = 200;
    private static final List<int[]> REAL = blocks(R, 100, 1);
    private static final double[] REAL_PPL = new double[R];

    private static List<SyntheticCorpus> history(int n) {
        List<SyntheticCorpus> h = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            List<int[]> b = blocks(R, 1000 + 100 * g, 10 + g);
            double[] ppl = new double[R];
            java.util.Arrays.fill(ppl, 5.0);
            h.add(new SyntheticCorpus(g, b, ppl));
        }
        return h;
    }

    @Test
    void replaceTrainsOnThePreviousGenerationOnly() {
        Regime r = create("type: replace");
        List<SyntheticCorpus> h = history(3);
        TrainingSet s = r.build(3, REAL, h, new SplittableRandom(0));
        assertEquals(0, s.real());
        assertEquals(R, s.synthetic());
        assertTrue(sameBlocks(s.blocks(), h.get(2).blocks()));
    }

    @Test
    void mixHasFractionPOfRealBlocksDrawnAfreshEachGeneration() {
        Regime r = create("type: mix\nreal_fraction: 0.1");
        List<SyntheticCorpus> h = history(3);
        TrainingSet g1 = r.build(1, REAL, h, new SplittableRandom(101));
        TrainingSet g2 = r.build(2, REAL, h, new SplittableRandom(102));
        for (TrainingSet s : List.of(g1, g2)) {
            assertEquals(20, s.real());
            assertEquals(180, s.synthetic());
            assertEquals(20, countFrom(s.blocks(), REAL));
        }
        assertTrue(countFrom(g2.blocks(), h.get(1).blocks()) == 180, "synthetic part from generation n-1");
        assertNotEquals(identities(g1.blocks().subList(0, 20)), identities(g2.blocks().subList(0, 20)),
                "a different draw of real blocks each generation");
    }

    @Test
    void accumulateGrowsByOneCorpusPerGeneration() {
        Regime r = create("type: accumulate");
        List<SyntheticCorpus> h = history(4);
        for (int n = 1; n <= 4; n++) {
            TrainingSet s = r.build(n, REAL, h, new SplittableRandom(n));
            assertEquals(R, s.real());
            assertEquals(n * R, s.synthetic());
            assertEquals(R * (n + 1), s.blocks().size());
        }
    }

    @Test
    void accumulateSubsampleKeepsAFixedSize() {
        Regime r = create("type: accumulate-subsample");
        List<SyntheticCorpus> h = history(4);
        for (int n = 1; n <= 4; n++) {
            TrainingSet s = r.build(n, REAL, h, new SplittableRandom(n));
            assertEquals(R, s.blocks().size());
            assertEquals(R, identities(s.blocks()).size(), "no block drawn twice");
            assertEquals(s.real(), countFrom(s.blocks(), REAL));
            double expectedReal = (double) R / (n + 1);
            assertEquals(expectedReal, s.real(), 5 * Math.sqrt(expectedReal), "about 1/(n+1) real at n=" + n);
        }
    }

    @Test
    void verifyDropsHighPerplexityDuplicateAndUnoriginalBlocks() {
        List<int[]> real = List.of(new int[] {1, 2, 3, 4, 5, 6}, new int[] {7, 8, 9, 10, 11, 12});
        double[] realPpl = {10, 20};
        VerificationGate gate = new VerificationGate(real, realPpl, 1.0, 0.5, 3);
        List<int[]> synth = List.of(
                new int[] {20, 21, 22, 23, 24, 25},    // novel, low perplexity: kept
                new int[] {20, 21, 22, 23, 24, 25},    // duplicate of the previous: dropped
                new int[] {1, 2, 3, 4, 5, 6},          // copy of a real block: dropped
                new int[] {1, 2, 3, 4, 30, 31},        // 2 of 4 trigrams novel = 0.5: kept
                new int[] {1, 2, 3, 4, 5, 40},         // 1 of 4 novel: dropped
                new int[] {50, 51, 52, 53, 54, 55});   // perplexity above the threshold: dropped
        SyntheticCorpus c = new SyntheticCorpus(0, synth, new double[] {5, 5, 5, 5, 5, 25});
        SyntheticCorpus kept = gate.filter(List.of(c)).get(0);
        assertEquals(20.0, gate.threshold());
        assertEquals(2, kept.blocks().size());
        assertEquals(20, kept.blocks().get(0)[0]);
        assertEquals(30, kept.blocks().get(1)[4]);

        Regime r = Regimes.create(RegimeConfigs.parse("type: verify\nbase: replace\nmin_novelty: 0.5\nnovelty_n: 3\n"
                + "perplexity_quantile: 1.0"), real, realPpl, UnigramMetrics.counts(real, 64));
        TrainingSet s = r.build(1, real, List.of(c), new SplittableRandom(0));
        assertEquals(2, s.synthetic());
        assertEquals("verify-replace", r.label());
    }

    @Test
    void tailOversampleRepeatsBlocksWithRareTokens() {
        List<int[]> real = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            real.add(new int[] {1, 1, 2, 2});
        }
        real.add(new int[] {1, 7, 1, 1});      // token 7 occurs once: rare
        List<int[]> synth = List.of(new int[] {7, 1, 1, 1}, new int[] {2, 2, 2, 2}, new int[] {3, 3, 3, 3});
        SyntheticCorpus c = new SyntheticCorpus(0, synth, new double[] {1, 1, 1});
        Regime r = Regimes.create(RegimeConfigs.parse("type: tail-oversample\nbase: accumulate\nmax_frequency: 1\n"
                + "factor: 3"), real, new double[real.size()], UnigramMetrics.counts(real, 16));
        TrainingSet s = r.build(1, real, List.of(c), new SplittableRandom(0));
        assertEquals(11 + 2, s.real(), "the real block with token 7 three times");
        assertEquals(3 + 2, s.synthetic(), "the synthetic block with token 7 three times; token 3 is unseen, not rare");
    }

    private static Regime create(String yaml) {
        return Regimes.create(RegimeConfigs.parse(yaml), REAL, REAL_PPL, UnigramMetrics.counts(REAL, 2000));
    }

    private static int countFrom(List<int[]> blocks, List<int[]> source) {
        Set<int[]> ids = identities(source);
        int n = 0;
        for (int[] b : blocks) {
            if (ids.contains(b)) {
                n++;
            }
        }
        return n;
    }

    private static boolean sameBlocks(List<int[]> a, List<int[]> b) {
        return identities(a).equals(identities(b));
    }

    private static Set<int[]> identities(List<int[]> blocks) {
        Set<int[]> s = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(blocks);
        return s;
    }

    static List<int[]> blocks(int n, int start, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(rng.ints(8, start, start + 50).toArray());
        }
        return out;
    }
}
