package org.ouroboros.experiments.metrics;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} keys to dense {@code int} ids 0, 1, 2, ... in order of first
 * appearance. It replaces {@code HashMap<Long, Integer>} in the n-gram counting loops, which see tens of
 * millions of keys for a 100,000-sample corpus and would otherwise box every one of them.
 */
final class LongIntHashMap {
    private static final int EMPTY = -1;

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    LongIntHashMap(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedSize) * 2 - 1) << 1;
        allocate(capacity);
    }

    /** Number of distinct keys seen so far; also the next id to be assigned. */
    int size() {
        return size;
    }

    /** The id of {@code key}, assigning the next free id if the key is new. */
    int idOf(long key) {
        int slot = slot(key);
        while (values[slot] != EMPTY) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = size;
        size++;
        if (size * 2 > keys.length) {
            grow();
        }
        return size - 1;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 43)) & mask;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, EMPTY);
        mask = capacity - 1;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(keys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != EMPTY) {
                int slot = slot(oldKeys[i]);
                while (values[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
