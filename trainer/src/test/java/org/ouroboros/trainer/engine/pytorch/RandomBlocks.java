package org.ouroboros.trainer.engine.pytorch;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Token blocks drawn uniformly from ids 2 .. vocab-1 (no BOS/EOS/pad), for tests that need any training data. */
final class RandomBlocks {
    private RandomBlocks() {
    }

    static List<int[]> of(int n, int length, int vocab, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] b = new int[length];
            for (int j = 0; j < length; j++) {
                b[j] = 2 + rng.nextInt(vocab - 2);
            }
            out.add(b);
        }
        return out;
    }
}
