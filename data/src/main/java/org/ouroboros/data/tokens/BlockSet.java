package org.ouroboros.data.tokens;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Fixed-length token blocks, each with a category: what models train on and are evaluated on. Documents
 * are prefixed with BOS. {@link #stream} concatenates documents and cuts full blocks (the paper's "every
 * 64-token block of the training set"); {@link #perDocument} cuts each document separately and keeps a
 * last partial block, so every evaluation block has exactly one category.
 */
public final class BlockSet {
    private final List<int[]> blocks;
    private final int[] categories;
    private final List<String> categoryNames;
    private final int blockSize;

    private BlockSet(List<int[]> blocks, int[] categories, List<String> names, int blockSize) {
        if (blocks.size() != categories.length) {
            throw new IllegalArgumentException(blocks.size() + " blocks but " + categories.length + " categories");
        }
        this.blocks = Collections.unmodifiableList(new ArrayList<>(blocks));
        this.categories = categories.clone();
        this.categoryNames = List.copyOf(names);
        this.blockSize = blockSize;
    }

    public static BlockSet of(List<int[]> blocks, int[] categories, List<String> names, int blockSize) {
        return new BlockSet(blocks, categories, names, blockSize);
    }

    /** Full blocks over the concatenation of {@code [bos] + doc} for every document; the remainder is dropped. */
    public static BlockSet stream(TokenFile f, int blockSize, int bosId) {
        requireSize(blockSize);
        List<int[]> out = new ArrayList<>();
        List<Integer> cats = new ArrayList<>();
        int[] buffer = new int[blockSize];
        int filled = 0;
        int firstCategory = -1;
        for (TokenFile.Doc d : f.docs()) {
            for (int i = -1; i < d.tokens().length; i++) {
                if (filled == 0) {
                    firstCategory = d.category();
                }
                buffer[filled++] = i < 0 ? bosId : d.tokens()[i];
                if (filled == blockSize) {
                    out.add(buffer.clone());
                    cats.add(firstCategory);
                    filled = 0;
                }
            }
        }
        return new BlockSet(out, cats.stream().mapToInt(Integer::intValue).toArray(), f.categories(), blockSize);
    }

    /** Each {@code [bos] + doc} cut into blocks by {@link #cut}. */
    public static BlockSet perDocument(TokenFile f, int blockSize, int bosId) {
        requireSize(blockSize);
        List<int[]> out = new ArrayList<>();
        List<Integer> cats = new ArrayList<>();
        for (TokenFile.Doc d : f.docs()) {
            int[] seq = new int[d.tokens().length + 1];
            seq[0] = bosId;
            System.arraycopy(d.tokens(), 0, seq, 1, d.tokens().length);
            for (int[] block : cut(seq, blockSize)) {
                out.add(block);
                cats.add(d.category());
            }
        }
        return new BlockSet(out, cats.stream().mapToInt(Integer::intValue).toArray(), f.categories(), blockSize);
    }

    /**
     * Non-overlapping blocks of {@code blockSize} over a token sequence; a last partial block is kept when it
     * has at least 2 tokens (a 1-token block predicts nothing).
     */
    public static List<int[]> cut(int[] sequence, int blockSize) {
        requireSize(blockSize);
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < sequence.length; start += blockSize) {
            int end = Math.min(sequence.length, start + blockSize);
            if (end - start >= 2) {
                out.add(Arrays.copyOfRange(sequence, start, end));
            }
        }
        return out;
    }

    public int size() {
        return blocks.size();
    }

    public int[] block(int i) {
        return blocks.get(i);
    }

    /** All blocks (unmodifiable). */
    public List<int[]> blocks() {
        return blocks;
    }

    public int category(int i) {
        return categories[i];
    }

    public String categoryName(int i) {
        return categoryNames.get(categories[i]);
    }

    public List<String> categoryNames() {
        return categoryNames;
    }

    public int blockSize() {
        return blockSize;
    }

    public long totalTokens() {
        long n = 0;
        for (int[] b : blocks) {
            n += b.length;
        }
        return n;
    }

    /** The blocks at {@code indices}, in that order. */
    public BlockSet subset(int[] indices) {
        List<int[]> out = new ArrayList<>(indices.length);
        int[] cats = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out.add(blocks.get(indices[i]));
            cats[i] = categories[indices[i]];
        }
        return new BlockSet(out, cats, categoryNames, blockSize);
    }

    /** At most {@code k} blocks drawn without replacement with {@code seed}, kept in their original order. */
    public BlockSet sample(int k, long seed) {
        if (k <= 0 || k >= size()) {
            return this;
        }
        int[] order = epochOrder(seed, 0);
        int[] picked = Arrays.copyOf(order, k);
        Arrays.sort(picked);
        return subset(picked);
    }

    /** A permutation of the block indices, deterministic for (seed, epoch) and different per epoch. */
    public int[] epochOrder(long seed, int epoch) {
        return Shuffle.permutation(size(), seed, epoch);
    }

    private static void requireSize(int blockSize) {
        if (blockSize < 2) {
            throw new IllegalArgumentException("block size must be >= 2, got " + blockSize);
        }
    }
}
