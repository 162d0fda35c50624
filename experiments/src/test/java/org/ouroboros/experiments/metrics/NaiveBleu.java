package org.ouroboros.experiments.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A direct, quadratic transcription of NLTK 3.8's sentence_bleu with method1 smoothing, written for tests
 * only: every hypothesis is compared with every other sample, n-grams are string lists.
 */
final class NaiveBleu {
    private NaiveBleu() {
    }

    static double selfBleu(List<String[]> samples, int maxN) {
        double sum = 0;
        for (int i = 0; i < samples.size(); i++) {
            List<String[]> refs = new ArrayList<>(samples);
            String[] hyp = refs.remove(i);
            sum += sentenceBleu(refs, hyp, maxN);
        }
        return sum / samples.size();
    }

    static double sentenceBleu(List<String[]> refs, String[] hyp, int maxN) {
        int[] numerators = new int[maxN];
        int[] denominators = new int[maxN];
        for (int n = 1; n <= maxN; n++) {
            Map<List<String>, Integer> counts = ngrams(hyp, n);
            Map<List<String>, Integer> maxRef = new HashMap<>();
            for (String[] ref : refs) {
                Map<List<String>, Integer> refCounts = ngrams(ref, n);
                for (List<String> g : counts.keySet()) {
                    maxRef.merge(g, refCounts.getOrDefault(g, 0), Math::max);
                }
            }
            int num = 0;
            int total = 0;
            for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
                num += Math.min(e.getValue(), maxRef.get(e.getKey()));
                total += e.getValue();
            }
            numerators[n - 1] = num;
            denominators[n - 1] = Math.max(1, total);
        }
        if (numerators[0] == 0) {
            return 0.0;
        }
        int hypLen = hyp.length;
        int refLen = refs.get(0).length;
        for (String[] r : refs) {
            int d = Math.abs(r.length - hypLen);
            int best = Math.abs(refLen - hypLen);
            if (d < best || (d == best && r.length < refLen)) {
                refLen = r.length;
            }
        }
        double bp = hypLen > refLen ? 1.0 : hypLen == 0 ? 0.0 : Math.exp(1.0 - (double) refLen / hypLen);
        double s = 0;
        for (int n = 0; n < maxN; n++) {
            double p = numerators[n] == 0 ? 0.1 / denominators[n] : (double) numerators[n] / denominators[n];
            s += (1.0 / maxN) * Math.log(p);
        }
        return bp * Math.exp(s);
    }

    private static Map<List<String>, Integer> ngrams(String[] tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int p = 0; p + n <= tokens.length; p++) {
            counts.merge(Arrays.asList(Arrays.copyOfRange(tokens, p, p + n)), 1, Integer::sum);
        }
        return counts;
    }
}
