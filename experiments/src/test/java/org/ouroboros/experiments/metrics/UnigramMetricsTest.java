package org.ouroboros.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnigramMetricsTest {
    @Test
    void rareRecallCountsRareRealTokensSeenInSynthetic() {
        // real counts: id0 100 (common), id1 1, id2 5, id3 6 (not rare), id4 0 (absent: not counted)
        long[] real = {100, 1, 5, 6, 0};
        List<int[]> synthetic = List.of(new int[] {0, 0, 2}, new int[] {3, 4});
        assertEquals(0.5, UnigramMetrics.rareRecall(real, synthetic, 5), 1e-15);
        assertEquals(0.0, UnigramMetrics.rareRecall(real, synthetic, 1), 1e-15);
        Map<Integer, Long> asMap = Map.of(0, 100L, 1, 1L, 2, 5L, 3, 6L);
        assertEquals(0.5, UnigramMetrics.rareRecall(asMap, synthetic, 5), 1e-15);
        assertTrue(Double.isNaN(UnigramMetrics.rareRecall(new long[] {10, 20}, synthetic, 5)));
    }

    @Test
    void klIsZeroForEqualDistributionsAndMatchesHandValue() {
        long[] a = {3, 1, 0};
        assertEquals(0.0, UnigramMetrics.unigramKl(a, a, 3));
        assertTrue(UnigramMetrics.unigramKl(a, new long[] {0, 0, 9}, 3) > 0);
        // p = (4,2,1)/7, q = (1,1,4)/6
        double[] p = {4.0 / 7, 2.0 / 7, 1.0 / 7};
        double[] q = {1.0 / 6, 1.0 / 6, 4.0 / 6};
        double expected = 0;
        for (int v = 0; v < 3; v++) {
            expected += p[v] * Math.log(p[v] / q[v]);
        }
        assertEquals(expected, UnigramMetrics.unigramKl(a, new long[] {0, 0, 3}, 3), 1e-15);
        assertEquals(expected, UnigramMetrics.unigramKl(Map.of(0, 3L, 1, 1L), Map.of(2, 3L), 3), 1e-15);
    }

    @Test
    void countsRejectOutOfVocabularyIds() {
        assertEquals(2, UnigramMetrics.counts(List.of(new int[] {1, 1, 0}), 2)[1]);
        assertThrows(IllegalArgumentException.class, () -> UnigramMetrics.counts(List.of(new int[] {2}), 2));
    }
}
