package org.ouroboros.data.tokenize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.ouroboros.cli.BadInputException;

/**
 * Trains a byte-level BPE on texts: GPT-2 pre-tokenization, word counts, then merges learned greedily by
 * pair frequency with incremental count updates (only the words containing the merged pair are
 * revisited). Ties go to the lexicographically smallest pair, so training is deterministic.
 * Ids: {@code <pad>} = 0, {@code </s>} = 1, the 256 byte symbols, then one id per merge.
 */
public final class BpeTrainer {
    /** Smallest vocabulary: the specials plus the byte alphabet. */
    public static final int MIN_VOCAB = 2 + 256;

    private final List<String> tokens = new ArrayList<>();
    private final List<int[]> words = new ArrayList<>();
    private final List<Long> freqs = new ArrayList<>();
    private final Map<Long, Long> pairCounts = new HashMap<>();
    private final Map<Long, Set<Integer>> where = new HashMap<>();
    private final PriorityQueue<long[]> queue = new PriorityQueue<>(this::compareCandidates);

    private BpeTrainer() {
    }

    /** Learns a vocabulary of {@code vocabSize} tokens (fewer if the texts run out of pairs). */
    public static BpeModel train(Iterable<String> texts, int vocabSize) {
        if (vocabSize < MIN_VOCAB) {
            throw new BadInputException("vocabulary size must be at least " + MIN_VOCAB + " (2 specials + 256 bytes), got "
                    + vocabSize);
        }
        BpeTrainer t = new BpeTrainer();
        t.countWords(texts);
        if (t.words.isEmpty()) {
            throw new BadInputException("cannot train a tokenizer on empty text");
        }
        List<String[]> merges = new ArrayList<>();
        while (t.tokens.size() < vocabSize) {
            long pair = t.bestPair();
            if (pair < 0) {
                break;
            }
            merges.add(new String[] {t.tokens.get(left(pair)), t.tokens.get(right(pair))});
            t.merge(pair);
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int i = 0; i < t.tokens.size(); i++) {
            vocab.put(t.tokens.get(i), i);
        }
        return new BpeModel(vocab, merges, List.of(BpeModel.PAD, BpeModel.EOS));
    }

    private void countWords(Iterable<String> texts) {
        tokens.add(BpeModel.PAD);
        tokens.add(BpeModel.EOS);
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(ByteLevel.byteChar(b)));
        }
        Map<String, Long> counts = new HashMap<>();
        for (String text : texts) {
            for (String piece : ByteLevel.pretokenize(text)) {
                counts.merge(piece, 1L, Long::sum);
            }
        }
        List<String> sorted = new ArrayList<>(counts.keySet());
        sorted.sort(null);
        for (String w : sorted) {
            byte[] bytes = ByteLevel.toBytes(w);
            int[] ids = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                ids[i] = 2 + (bytes[i] & 0xff);
            }
            int index = words.size();
            words.add(ids);
            freqs.add(counts.get(w));
            addPairs(index, ids, counts.get(w));
        }
        pairCounts.forEach((pair, count) -> queue.add(new long[] {count, pair}));
    }

    /** The pair with the highest current count, or -1 when none is left. */
    private long bestPair() {
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            Long current = pairCounts.get(top[1]);
            if (current != null && current == top[0] && current > 0) {
                return top[1];
            }
        }
        return -1;
    }

    private void merge(long pair) {
        int a = left(pair);
        int b = right(pair);
        int merged = tokens.size();
        tokens.add(tokens.get(a) + tokens.get(b));
        Set<Long> touched = new HashSet<>();
        for (int index : new ArrayList<>(where.getOrDefault(pair, Set.of()))) {
            int[] w = words.get(index);
            long f = freqs.get(index);
            int[] out = new int[w.length];
            int n = 0;
            for (int j = 0; j < w.length; j++) {
                if (j + 1 < w.length && w[j] == a && w[j + 1] == b) {
                    out[n++] = merged;
                    j++;
                } else {
                    out[n++] = w[j];
                }
            }
            if (n == w.length) {
                continue;
            }
            int[] replaced = java.util.Arrays.copyOf(out, n);
            touched.addAll(removePairs(w, f));
            touched.addAll(addPairs(index, replaced, f));
            words.set(index, replaced);
        }
        where.remove(pair);
        pairCounts.remove(pair);
        for (long p : touched) {
            Long c = pairCounts.get(p);
            if (c != null && c > 0) {
                queue.add(new long[] {c, p});
            }
        }
    }

    private List<Long> addPairs(int index, int[] ids, long f) {
        List<Long> pairs = new ArrayList<>();
        for (int j = 0; j + 1 < ids.length; j++) {
            long p = pair(ids[j], ids[j + 1]);
            pairCounts.merge(p, f, Long::sum);
            where.computeIfAbsent(p, k -> new HashSet<>()).add(index);
            pairs.add(p);
        }
        return pairs;
    }

    private List<Long> removePairs(int[] ids, long f) {
        List<Long> pairs = new ArrayList<>();
        for (int j = 0; j + 1 < ids.length; j++) {
            long p = pair(ids[j], ids[j + 1]);
            pairCounts.merge(p, -f, Long::sum);
            pairs.add(p);
        }
        return pairs;
    }

    /** Higher count first; ties broken by the smaller (left, right) token strings. */
    private int compareCandidates(long[] x, long[] y) {
        if (x[0] != y[0]) {
            return Long.compare(y[0], x[0]);
        }
        int c = tokens.get(left(x[1])).compareTo(tokens.get(left(y[1])));
        return c != 0 ? c : tokens.get(right(x[1])).compareTo(tokens.get(right(y[1])));
    }

    private static long pair(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    private static int left(long pair) {
        return (int) (pair >>> 32);
    }

    private static int right(long pair) {
        return (int) pair;
    }
}
