package org.ouroboros.trainer.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Rows of token ids grouped by length into batches of one shape: every batch of a length has
 * {@code min(batchSize, rows of that length)} rows, the last one padded with zero rows, so a model's
 * buffers are made once per length. Lengths go in increasing order, rows of a length in input order.
 */
public final class LengthBatches {
    private LengthBatches() {
    }

    /**
     * One batch: {@code padded} has {@code batch} rows of {@code length} ids; its first {@code indices.size()}
     * rows are the input rows {@code indices} (positions in the input list), the rest are zeros.
     */
    public record Chunk(int length, int[][] padded, List<Integer> indices) {
        /** The real (unpadded) rows of this batch. */
        public int rows() {
            return indices.size();
        }
    }

    /** The batches of the rows {@code keep} accepts (they reference the input rows; nothing is copied). */
    public static List<Chunk> of(List<int[]> rows, Predicate<int[]> keep, int batchSize) {
        List<Chunk> out = new ArrayList<>();
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (keep.test(rows.get(i))) {
                byLength.computeIfAbsent(rows.get(i).length, k -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<Integer, List<Integer>> g : byLength.entrySet()) {
            int len = g.getKey();
            List<Integer> group = g.getValue();
            int batch = Math.min(batchSize, group.size());
            for (int start = 0; start < group.size(); start += batch) {
                List<Integer> chunk = group.subList(start, Math.min(group.size(), start + batch));
                int[][] padded = new int[batch][len];             // extra rows stay zero: one shape throughout
                for (int r = 0; r < chunk.size(); r++) {
                    padded[r] = rows.get(chunk.get(r));
                }
                out.add(new Chunk(len, padded, chunk));
            }
        }
        return out;
    }
}
