package org.ouroboros.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelfBleuTest {
    private static List<String[]> samples(String... lines) {
        List<String[]> out = new ArrayList<>();
        for (String line : lines) {
            out.add(SampleText.split(line));
        }
        return out;
    }

    @Test
    void identicalSamplesScoreOne() {
        List<String[]> s = samples("a b c d e", "a b c d e", "a b c d e");
        for (int n = 1; n <= 5; n++) {
            assertEquals(1.0, SelfBleu.selfBleu(s, n), 1e-15, "n=" + n);
        }
    }

    @Test
    void disjointVocabulariesScoreExactlyZero() {
        assertEquals(0.0, SelfBleu.selfBleu(samples("a b c d", "e f g h", "i j k l")));
    }

    @Test
    void oneMatchingUnigramGivesTheSmoothingFloor() {
        // "a x y z" vs "a p q r": unigram 1/4 matches; bigrams..4-grams match nothing -> 0.1/3, 0.1/2, 0.1/1.
        // Same lengths, so BP = 1. Both samples score the same.
        double expected = Math.exp(0.25 * (Math.log(0.25) + Math.log(0.1 / 3) + Math.log(0.1 / 2) + Math.log(0.1)));
        assertEquals(expected, SelfBleu.selfBleu(samples("a x y z", "a p q r")), 1e-15);
    }

    @Test
    void handComputedBrevityPenaltyAndClipping() {
        // hyp "a a b" vs refs {"a b", "a b c d"}: closest ref length to 3 is 2 and 4 (tie -> 2), BP = 1.
        // unigrams: a clipped to 1 (max in one ref), b 1 -> 2/3; bigrams "a a" 0, "a b" 1 -> 1/2.
        double first = Math.exp(0.5 * (Math.log(2.0 / 3) + Math.log(0.5)));
        // hyp "a b" vs {"a a b", "a b c d"}: closest length 3 (distance 1) -> BP = exp(1 - 3/2); p1 = p2 = 1.
        double second = Math.exp(1.0 - 3.0 / 2);
        // hyp "a b c d" vs {"a a b", "a b"}: closest 3, BP = 1; p1 = 2/4... c, d unmatched -> 2/4;
        // bigrams "a b" 1, others 0 -> 1/3.
        double third = Math.exp(0.5 * (Math.log(2.0 / 4) + Math.log(1.0 / 3)));
        List<String[]> s = samples("a a b", "a b", "a b c d");
        double[][] scores = SelfBleu.sentenceScoresIds(Tokens.intern(s), 2);
        assertEquals(first, scores[1][0], 1e-15);
        assertEquals(second, scores[1][1], 1e-15);
        assertEquals(third, scores[1][2], 1e-15);
        assertEquals((first + second + third) / 3, SelfBleu.selfBleu(s, 2), 1e-15);
    }

    @Test
    void hypothesisShorterThanTheOrderIsSmoothedNotZero() {
        // "a" vs {"a b"}: p1 = 1, p2 = 0/max(1,0) -> 0.1/1; BP = exp(1 - 2/1).
        double[][] scores = SelfBleu.sentenceScoresIds(Tokens.intern(samples("a", "a b")), 2);
        assertEquals(Math.exp(1.0 - 2.0) * Math.exp(0.5 * Math.log(0.1)), scores[1][0], 1e-15);
    }

    @Test
    void agreesWithBruteForceOnRandomTexts() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int round = 0; round < 60; round++) {
            int count = 2 + rng.nextInt(20);
            int vocab = 1 + rng.nextInt(12);
            int maxLen = 1 + rng.nextInt(15);
            List<String[]> s = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int len = rng.nextInt(4) == 0 ? rng.nextInt(4) : rng.nextInt(maxLen + 1);
                String[] tokens = new String[len];
                for (int p = 0; p < len; p++) {
                    tokens[p] = "t" + rng.nextInt(vocab);
                }
                s.add(tokens);
            }
            int maxN = 1 + rng.nextInt(6);
            double[] fast = SelfBleu.upTo(s, maxN);
            for (int n = 1; n <= maxN; n++) {
                assertEquals(NaiveBleu.selfBleu(s, n), fast[n - 1], 1e-12, "round " + round + " n=" + n);
            }
        }
    }

    @Test
    void intAndStringInputsAgree() {
        List<int[]> ids = List.of(new int[] {5, -3, 5, 900_000}, new int[] {5, 900_000}, new int[] {-3, 5});
        List<String[]> strings = samples("5 -3 5 900000", "5 900000", "-3 5");
        assertEquals(SelfBleu.selfBleu(strings, 3), SelfBleu.upToIds(ids, 3)[2], 0.0);
    }

    @Test
    void rejectsFewerThanTwoSamplesAndBadOrder() {
        assertThrows(IllegalArgumentException.class, () -> SelfBleu.selfBleu(samples("a b"), 4));
        assertThrows(IllegalArgumentException.class, () -> SelfBleu.selfBleu(samples("a", "b"), 0));
    }
}
