package org.ouroboros.trainer.cli;

import java.util.List;

/**
 * NVIDIA GPU generations by compute capability, and which shipped engine build carries machine code for each
 * (read from the libraries' {@code .nv_fatbin} sections; neither ships PTX, so a GPU runs only code built for
 * its own major version at a minor version at most its own). The README's GPU table is this data.
 */
public final class GpuGenerations {
    /** One generation: its name, compute capabilities, example GPUs, and whether each engine's CUDA build runs it. */
    public record Generation(String name, String computeCapabilities, String examples, boolean nd4jCuda116,
                             boolean pytorchCu124) {
    }

    /** Kepler to Blackwell. */
    public static final List<Generation> ALL = List.of(
            new Generation("Kepler", "3.7", "K80", true, false),
            new Generation("Maxwell", "5.0, 5.2", "M40, GTX 980", true, true),
            new Generation("Pascal", "6.0, 6.1", "P100, GTX 1080", true, true),
            new Generation("Volta", "7.0", "V100", true, true),
            new Generation("Turing", "7.5", "T4, RTX 2080", true, true),
            new Generation("Ampere", "8.0, 8.6", "A100, A6000, RTX 3090", true, true),
            new Generation("Ada", "8.9", "L4, L40, RTX 4090 (runs sm_86 code)", true, true),
            new Generation("Hopper", "9.0", "H100, H200, GH200", false, true),
            new Generation("Blackwell", "10.0, 12.0", "B200, RTX 5090", false, false));

    private GpuGenerations() {
    }

    /** The generation of compute capability {@code major.minor}, or null for one not listed. */
    public static Generation of(int major, int minor) {
        String cc = major + "." + minor;
        for (Generation g : ALL) {
            for (String c : g.computeCapabilities().split(",\\s*")) {
                if (c.equals(cc)) {
                    return g;
                }
            }
        }
        return null;
    }
}
