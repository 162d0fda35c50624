package org.ouroboros.trainer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc (Linux); -1 where unavailable. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Current resident set size in MiB. */
    public static double residentMb() {
        return statusField("VmRSS:");
    }

    /** Peak resident set size in MiB since the process started. */
    public static double peakResidentMb() {
        return statusField("VmHWM:");
    }

    private static double statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    String kb = line.substring(name.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
