package org.ouroboros.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiversityTest {
    @Test
    void countsDistinctNgramsWithinSamplesOnly() {
        // tokens: a b a | b a | c  -> 6 tokens, 3 unique; bigrams: ab ba | ba -> 3 total, 2 unique
        // ("a" + "b" across the sample boundary must not count).
        Diversity d = Diversity.of(List.of(SampleText.split("a b a"), SampleText.split("b a"), SampleText.split("c")));
        assertEquals(3, d.samples());
        assertEquals(6, d.tokens());
        assertEquals(0.5, d.distinct1(), 1e-15);
        assertEquals(2.0 / 3, d.distinct2(), 1e-15);
        double pa = 3.0 / 6;
        double pb = 2.0 / 6;
        double pc = 1.0 / 6;
        assertEquals(-(pa * Math.log(pa) + pb * Math.log(pb) + pc * Math.log(pc)), d.unigramEntropy(), 1e-15);
    }

    @Test
    void uniformVocabularyHasLogVEntropyAndEmptyCorpusIsZero() {
        Diversity d = Diversity.ofIds(List.of(new int[] {0, 1, 2, 3}, new int[] {3, 2, 1, 0}));
        assertEquals(Math.log(4), d.unigramEntropy(), 1e-15);
        Diversity empty = Diversity.ofIds(List.of(new int[0], new int[0]));
        assertArrayEquals(new double[] {0, 0, 0},
                new double[] {empty.distinct1(), empty.distinct2(), empty.unigramEntropy()});
    }

    @Test
    void distinctNForHigherOrders() {
        List<int[]> s = List.of(new int[] {1, 2, 3, 1, 2, 3}, new int[] {1, 2, 3});
        // trigrams: 123 231 312 123 | 123 -> 5 total, 3 unique
        assertEquals(3.0 / 5, Diversity.distinctN(s, 3), 1e-15);
        assertEquals(Diversity.ofIds(s).distinct2(), Diversity.distinctN(s, 2), 0.0);
    }
}
