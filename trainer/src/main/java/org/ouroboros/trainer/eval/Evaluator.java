package org.ouroboros.trainer.eval;

import java.util.Arrays;
import java.util.List;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.LanguageModel;

/**
 * Perplexity the way the paper measures it: the text cut into non-overlapping blocks, each block of n
 * tokens predicting tokens 2..n from tokens 1..n-1, and {@code exp(total NLL / predicted tokens)}.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /** NLL (nats) and predicted-token count of every block, in input order. */
    public record BlockScores(double[] nll, int[] tokens) {
        public double totalNll() {
            return Arrays.stream(nll).sum();
        }

        public long totalTokens() {
            return Arrays.stream(tokens).asLongStream().sum();
        }

        /** {@code exp(total NLL / total tokens)}; NaN when nothing was predicted. */
        public double perplexity() {
            long n = totalTokens();
            return n == 0 ? Double.NaN : Math.exp(totalNll() / n);
        }

        /** Per-block perplexity {@code exp(nll_i / tokens_i)}. */
        public double[] blockPerplexities() {
            double[] p = new double[nll.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.exp(nll[i] / tokens[i]);
            }
            return p;
        }
    }

    /**
     * Scores every block (each needs at least 2 tokens). Blocks are padded to the longest and batches to
     * {@code batchSize} rows, so the whole evaluation runs at one shape (ND4J buffers are made once).
     */
    public static BlockScores score(LanguageModel model, List<int[]> blocks, int batchSize) {
        double[] nll = new double[blocks.size()];
        int[] tokens = new int[blocks.size()];
        int length = 0;
        for (int i = 0; i < blocks.size(); i++) {
            int len = blocks.get(i).length;
            if (len < 2) {
                throw new IllegalArgumentException("block " + i + " has " + len + " token(s); at least 2 are needed");
            }
            length = Math.max(length, len);
        }
        int rows = Math.min(batchSize, blocks.size());
        for (int start = 0; start < blocks.size(); start += rows) {
            List<int[]> chunk = blocks.subList(start, Math.min(blocks.size(), start + rows));
            double[] perToken = model.tokenNll(Batch.padded(chunk, rows, length));
            for (int r = 0; r < chunk.size(); r++) {
                double s = 0;
                for (int t = 0; t < length; t++) {
                    s += perToken[r * length + t];
                }
                nll[start + r] = s;
                tokens[start + r] = chunk.get(r).length - 1;
            }
        }
        return new BlockScores(nll, tokens);
    }
}
