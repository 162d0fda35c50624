package org.ouroboros.trainer.engine.nd4j;

import java.util.Arrays;

/**
 * Token ids grouped for a sorted segment sum: the positions in order of id (ties by position), each sorted
 * position's segment number, and the distinct ids (segment s holds id {@code distinct[s]}).
 *
 * @param order    positions sorted by id
 * @param segments segment of each sorted position (0, 0, 1, 2, 2, ...)
 * @param distinct the ids in increasing order, once each
 */
record IdGroups(int[] order, int[] segments, int[] distinct) {
    static IdGroups of(int[] ids) {
        long[] keys = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keys[i] = ((long) ids[i] << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[ids.length];
        int[] segments = new int[ids.length];
        int[] distinct = new int[ids.length];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            int id = (int) (keys[i] >>> 32);
            order[i] = (int) keys[i];
            if (i == 0 || id != distinct[n - 1]) {
                distinct[n++] = id;
            }
            segments[i] = n - 1;
        }
        return new IdGroups(order, segments, Arrays.copyOf(distinct, n));
    }
}
