package org.ouroboros.trainer.engine.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.EngineChoice;
import org.ouroboros.trainer.engine.EngineProvider;

/**
 * The PyTorch engine as this build carries it, read from the {@code pytorch-native-*} jars on the class path
 * (their {@code native/lib/pytorch.properties}) without loading libtorch: the CPU build always, and with
 * {@code -Pcuda} the CUDA 12.4 build, whose {@code libtorch_cuda.so} has machine code for sm_50, 60, 70, 75,
 * 80, 86 and 90 (Maxwell to Hopper; read from its fatbin sections, see docs/performance.md).
 */
public final class PyTorchEngineProvider implements EngineProvider {
    /** GPU architectures in {@code pytorch-native-cu124} 2.5.1's {@code libtorch_cuda.so}. */
    public static final Set<Integer> CU124_ARCHITECTURES =
            Collections.unmodifiableSet(new TreeSet<>(List.of(50, 60, 70, 75, 80, 86, 90)));
    private static final String PROPERTIES = "native/lib/pytorch.properties";

    /** A native build on the class path: its flavor ({@code cpu}, {@code cu124}) and libtorch version. */
    public record NativeBuild(String flavor, String version) {
    }

    @Override
    public String name() {
        return PyTorchEngine.NAME;
    }

    @Override
    public String unavailableReason() {
        if (nativeBuilds().isEmpty()) {
            return "no libtorch on the class path (the ai.djl.pytorch:pytorch-native-* jar is missing)";
        }
        return null;
    }

    @Override
    public Set<Integer> gpuArchitectures() {
        for (NativeBuild b : nativeBuilds()) {
            if (b.flavor().startsWith("cu124")) {
                return CU124_ARCHITECTURES;
            }
        }
        return Set.of();
    }

    @Override
    public boolean runsOnCpu() {
        return true;   // libtorch's CUDA build runs on the CPU too, and the CPU build is always packaged
    }

    @Override
    public String buildDescription() {
        List<String> parts = new ArrayList<>();
        for (NativeBuild b : nativeBuilds()) {
            parts.add("libtorch " + b.version() + " " + b.flavor()
                    + (b.flavor().startsWith("cu") ? " (" + EngineChoice.architectures(
                    CU124_ARCHITECTURES) + ")" : ""));
        }
        return parts.isEmpty() ? "no libtorch" : String.join(" + ", parts);
    }

    @Override
    public Engine open(String device) {
        return PyTorchEngine.on(device);
    }

    /** The libtorch builds whose jars are on the class path, CUDA first. */
    public static List<NativeBuild> nativeBuilds() {
        List<NativeBuild> builds = new ArrayList<>();
        try {
            Enumeration<URL> urls = PyTorchEngineProvider.class.getClassLoader().getResources(PROPERTIES);
            while (urls.hasMoreElements()) {
                Properties p = new Properties();
                try (InputStream in = urls.nextElement().openStream()) {
                    p.load(in);
                }
                String flavor = p.getProperty("flavor", "unknown");
                builds.add(new NativeBuild(flavor, p.getProperty("version", "unknown").replaceAll("-\\d{8}$", "")));
            }
        } catch (IOException e) {
            return List.of();
        }
        builds.sort((a, b) -> b.flavor().compareTo(a.flavor()));
        return builds;
    }
}
