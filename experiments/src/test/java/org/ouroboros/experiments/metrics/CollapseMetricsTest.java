package org.ouroboros.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollapseMetricsTest {
    @Test
    void tailMassCountsTokensWhoseRealFrequencyIsAtMostK() {
        long[] real = {100, 5, 6, 0, 50};                  // id 3 unseen, id 7 beyond the vocabulary
        List<int[]> corpus = List.of(new int[] {0, 1, 2, 3}, new int[] {4, 7, 0, 0});
        // counts: 100, 5, 6, 0 | 50, 0(out of range), 100, 100 -> <= 5: ids 1, 3, 7 = 3 of 8
        assertEquals(3.0 / 8, TailMass.share(corpus, real, 5), 0.0);
        // <= 50 adds id 2 (6) and id 4 (50): 5 of 8
        assertEquals(5.0 / 8, TailMass.share(corpus, real, 50), 0.0);
        assertTrue(Double.isNaN(TailMass.share(List.of(), real, 5)));
        assertEquals(List.of(3L, 1L, 1L, 1L, 1L), java.util.Arrays.stream(TailMass.counts(corpus, 5)).boxed().toList());
    }

    @Test
    void compressionRatioMatchesPythonGzipAtLevelSix() {
        // python3: len(gzip.compress(s, compresslevel=6, mtime=0)) == 81 for these 110 bytes
        List<String> samples = List.of("the cat sat on the mat", "the cat sat on the mat", "the cat sat on the mat",
                "a quick brown fox jumps over the lazy dog");
        byte[] raw = String.join("\n", samples).getBytes(StandardCharsets.UTF_8);
        assertEquals(110, raw.length);
        assertEquals(81, CompressionRatio.gzipSize(raw));
        assertEquals(81.0 / 110, CompressionRatio.of(samples), 1e-15);
        assertEquals(CompressionRatio.of(samples), CompressionRatio.of(samples), 0.0);
        assertTrue(CompressionRatio.of(List.of("a a a a a a a a a a a a a a a a a a a a a a a a a a a a"))
                < CompressionRatio.of(List.of("the quick brown fox jumps over the lazy dog")));
    }

    @Test
    void zipfAlphaRecoversAnExactPowerLawAndMatchesNumpyPolyfit() {
        assertEquals(2.0, ZipfFit.alpha(new long[] {9, 144, 16, 36}, 1, 1000), 1e-12);      // 144 / r^2
        // numpy: -polyfit(log r, log c, 1)[0] over the counts >= 2 of this list = 1.5017996993461773
        long[] counts = {1, 50, 20, 11, 1, 7, 5, 4, 3, 2, 2, 1};
        assertEquals(1.5017996993461773, ZipfFit.alpha(counts), 1e-12);
        assertEquals(ZipfFit.alpha(new long[] {50, 20, 11}, 2, 1000), ZipfFit.alpha(counts, 2, 3), 0.0);
        assertTrue(Double.isNaN(ZipfFit.alpha(new long[] {5, 1, 1})));
    }
}
