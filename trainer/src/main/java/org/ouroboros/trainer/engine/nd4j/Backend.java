package org.ouroboros.trainer.engine.nd4j;

import org.nd4j.linalg.factory.Nd4j;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.trainer.engine.NativeLibraries;

/** Which ND4J backend this process runs on, and a clear error when none can start. */
public final class Backend {
    private Backend() {
    }

    /**
     * Starts ND4J if needed and returns the backend's name ("CPU" or "CUDA"). A backend that cannot start
     * (a CUDA build on a machine without an NVIDIA driver, a missing native library) becomes one
     * BadInputException saying how to fix it.
     */
    public static String require() {
        try {
            return String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation().getOrDefault("backend", "CPU"));
        } catch (Throwable t) {
            Throwable root = t;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new BadInputException("no usable ND4J backend (" + root.getClass().getSimpleName() + ": "
                    + root.getMessage() + "). A CPU build needs Linux x86_64 (or -Dnd4j.platform=...); a -Pcuda "
                    + "build needs an NVIDIA GPU with a driver for CUDA 11.6. Rebuild for the CPU with "
                    + "'mvn -DskipTests package' (without -Pcuda).");
        }
    }

    /** The OpenBLAS file this process has mapped ({@link NativeLibraries#openBlas}). */
    public static String blasLibrary() {
        return NativeLibraries.openBlas();
    }
}
