package org.ouroboros.experiments.regime;

/**
 * Where one training block came from: written by people ({@code real}) or by a model ({@code synthetic}).
 *
 * @param synthetic  whether a model wrote it
 * @param generation the generation whose model wrote it; -1 for a real block
 * @param continues  the index of the real training block it is (real) or continues (synthetic, prompted
 *                   corpora whose samples are one block each); -1 when unknown
 */
public record BlockOrigin(boolean synthetic, int generation, int continues) {
    /** A real training block. */
    public static BlockOrigin real(int index) {
        return new BlockOrigin(false, -1, index);
    }

    /** {@code real} or {@code synthetic}, as in {@code training_set.csv}. */
    public String origin() {
        return synthetic ? "synthetic" : "real";
    }
}
