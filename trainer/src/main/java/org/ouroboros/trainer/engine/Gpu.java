package org.ouroboros.trainer.engine;

import java.util.Set;

/**
 * A visible NVIDIA GPU as {@code nvidia-smi} reports it.
 *
 * @param index    CUDA device index
 * @param name     e.g. "NVIDIA H100 80GB HBM3"
 * @param major    compute capability, major (9 for Hopper)
 * @param minor    compute capability, minor
 * @param memoryMb total memory
 * @param driver   driver version
 */
public record Gpu(int index, String name, int major, int minor, long memoryMb, String driver) {
    /** {@code "9.0"}. */
    public String computeCapability() {
        return major + "." + minor;
    }

    /** {@code "cuda:0"}. */
    public String device() {
        return "cuda:" + index;
    }

    /**
     * Whether machine code for one of {@code architectures} (compute capability x 10) runs here: same major
     * version, minor at most this GPU's (CUDA's binary compatibility; without PTX nothing else runs).
     */
    public boolean runs(Set<Integer> architectures) {
        for (int a : architectures) {
            if (a / 10 == major && a % 10 <= minor) {
                return true;
            }
        }
        return false;
    }
}
