package org.ouroboros.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Self-BLEU at the size of a real synthetic corpus: 100,000 samples of 64 tokens drawn from a Zipf-like
 * vocabulary. Prints the time; asserts only the result's sanity and that the first few per-sample scores
 * equal the pairwise definition (which alone would take hours for all samples).
 */
@Tag("slow")
class SelfBleuScalingTest {
    @Test
    void hundredThousandSamplesOfSixtyFourTokens() {
        List<String[]> samples = zipfSamples(100_000, 64, 20_000, new SplittableRandom(1));
        long start = System.nanoTime();
        double[] scores = SelfBleu.upTo(samples, 5);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "self-BLEU 1..5 of 100,000 x 64 tokens: %s in %.2f s%n",
                java.util.Arrays.toString(scores), seconds);
        assertTrue(scores[3] > 0 && scores[3] < 1, "self-BLEU-4 in (0, 1): " + scores[3]);

        double[][] perSample = SelfBleu.sentenceScoresIds(Tokens.intern(samples), 4);
        for (int i = 0; i < 3; i++) {
            List<String[]> refs = new ArrayList<>(samples);
            String[] hyp = refs.remove(i);
            assertEquals(NaiveBleu.sentenceBleu(refs, hyp, 4), perSample[3][i], 1e-12, "sample " + i);
        }
    }

    static List<String[]> zipfSamples(int count, int length, int vocab, SplittableRandom rng) {
        double[] cumulative = new double[vocab];
        double total = 0;
        for (int v = 0; v < vocab; v++) {
            total += 1.0 / (v + 1);
            cumulative[v] = total;
        }
        List<String[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] s = new String[length];
            for (int p = 0; p < length; p++) {
                int idx = java.util.Arrays.binarySearch(cumulative, rng.nextDouble() * total);
                s[p] = "w" + (idx < 0 ? -idx - 1 : idx);
            }
            out.add(s);
        }
        return out;
    }
}
