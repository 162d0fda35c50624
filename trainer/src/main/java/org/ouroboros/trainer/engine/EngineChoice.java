package org.ouroboros.trainer.engine;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ouroboros.cli.BadInputException;

/**
 * {@code --engine nd4j|pytorch|auto} resolved to one engine on one device, with the reason in one line.
 * {@code auto}: nd4j on a CPU; on a GPU, nd4j where its build carries that GPU's architecture, else
 * pytorch where its build does, else nd4j on the CPU. Asking for an engine on a GPU its build cannot run is
 * one error naming the GPU, its compute capability, what the build carries and what to use instead.
 * Only the first visible GPU (device 0) is considered.
 *
 * @param engine the engine's name
 * @param device {@code "cpu"} or {@code "cuda:N"}
 * @param reason why, e.g. {@code "auto: no GPU visible (nvidia-smi not found)"}
 */
public record EngineChoice(String engine, String device, String reason) {
    /** The values {@code --engine} takes. */
    public static final String VALUES = "nd4j, pytorch or auto";

    /** Resolves {@code requested} against this machine's GPUs and this build's engines. */
    public static EngineChoice resolve(String requested) {
        return decide(requested, Gpus.query(), Engines::find);
    }

    /** Opens the chosen engine. */
    public Engine open() {
        return Engines.require(engine).open(device);
    }

    /** {@code "engine nd4j on cpu: auto: no GPU visible ..."}, the line commands print. */
    public String describe() {
        return "engine " + engine + " on " + device + ": " + reason;
    }

    /**
     * The decision itself, from the visible GPUs and a provider lookup (null for an engine not in this
     * build), so it can be checked without GPUs.
     */
    public static EngineChoice decide(String requested, Gpus.Visible visible,
                                      Function<String, EngineProvider> providers) {
        String req = requested == null ? "auto" : requested.strip().toLowerCase(Locale.ROOT);
        Gpu gpu = visible.gpus().isEmpty() ? null : visible.gpus().get(0);
        String none = visible.noneReason() == null ? "no GPU visible" : visible.noneReason();
        return switch (req) {
            case "auto" -> auto(gpu, none, providers);
            case "nd4j", "pytorch" -> explicit(req, gpu, none, providers);
            default -> throw new BadInputException("--engine: expected " + VALUES + ", got '" + requested + "'");
        };
    }

    private static EngineChoice auto(Gpu gpu, String none, Function<String, EngineProvider> providers) {
        EngineProvider nd4j = usable(providers.apply("nd4j"));
        EngineProvider torch = usable(providers.apply("pytorch"));
        if (gpu == null) {
            if (nd4j != null && nd4j.runsOnCpu()) {
                return new EngineChoice("nd4j", "cpu", "auto: " + none);
            }
            if (torch != null && torch.runsOnCpu()) {
                return new EngineChoice("pytorch", "cpu", "auto: " + none + ", and this build's ND4J is "
                        + (nd4j == null ? "missing" : "CUDA-only (" + nd4j.buildDescription() + ")"));
            }
            throw new BadInputException("--engine auto: " + none + " and this build has no CPU engine ("
                    + describe(nd4j, "nd4j") + "); rebuild without OURO_MAVEN_ARGS=-Pcuda");
        }
        String onGpu = "auto: " + gpuName(gpu);
        if (nd4j != null && gpu.runs(nd4j.gpuArchitectures())) {
            return new EngineChoice("nd4j", gpu.device(), onGpu + ", which this build's ND4J runs ("
                    + nd4j.buildDescription() + ")");
        }
        if (torch != null && gpu.runs(torch.gpuArchitectures())) {
            return new EngineChoice("pytorch", gpu.device(), onGpu + ": " + (nd4j == null ? "no ND4J in this build"
                    : "this build's ND4J cannot run it (" + nd4j.buildDescription() + ")") + ", PyTorch's can ("
                    + torch.buildDescription() + ")");
        }
        if (nd4j != null && nd4j.runsOnCpu()) {
            return new EngineChoice("nd4j", "cpu", onGpu + ", which no engine of this build runs; nd4j on the CPU ("
                    + nd4j.buildDescription() + (torch == null ? "" : "; " + torch.buildDescription()) + ")");
        }
        if (torch != null && torch.runsOnCpu()) {
            return new EngineChoice("pytorch", "cpu", onGpu + ", which no engine of this build runs; pytorch on "
                    + "the CPU (" + torch.buildDescription() + ")");
        }
        throw unsupported("auto", gpu, nd4j != null ? nd4j : torch);
    }

    private static EngineChoice explicit(String name, Gpu gpu, String none, Function<String, EngineProvider> providers) {
        EngineProvider p = providers.apply(name);
        if (p == null) {
            throw new BadInputException("--engine " + name + ": not available in this build (no "
                    + Engines.PROVIDER_CLASSES.get(name) + ")");
        }
        if (p.unavailableReason() != null) {
            throw new BadInputException("--engine " + name + ": " + p.unavailableReason());
        }
        boolean gpuBuild = !p.gpuArchitectures().isEmpty();
        if (gpu != null && gpuBuild) {
            if (gpu.runs(p.gpuArchitectures())) {
                return new EngineChoice(name, gpu.device(), "asked for; " + gpuName(gpu) + " (" + p.buildDescription()
                        + ")");
            }
            throw unsupported(name, gpu, p);
        }
        if (!p.runsOnCpu()) {
            throw new BadInputException("--engine " + name + ": this build's " + name + " runs only on a GPU ("
                    + p.buildDescription() + ") and " + none + "; rebuild for the CPU without OURO_MAVEN_ARGS=-Pcuda");
        }
        String why = gpu == null ? none : gpuName(gpu) + " unused: this build's " + name + " is CPU-only";
        return new EngineChoice(name, "cpu", "asked for; " + why + " (" + p.buildDescription() + ")");
    }

    private static BadInputException unsupported(String asked, Gpu gpu, EngineProvider p) {
        String other = p != null && p.name().equals("nd4j") ? "use --engine pytorch (built with OURO_MAVEN_ARGS=-Pcuda)"
                : "use a GPU of a supported generation, or a CPU build";
        return new BadInputException("--engine " + asked + ": " + gpuName(gpu) + " cannot run this build's "
                + (p == null ? "engines" : p.name() + " (" + p.buildDescription() + "; machine code for "
                + architectures(p.gpuArchitectures()) + ", no PTX)") + "; " + other);
    }

    private static EngineProvider usable(EngineProvider p) {
        return p != null && p.unavailableReason() == null ? p : null;
    }

    private static String describe(EngineProvider p, String name) {
        return p == null ? name + " missing" : p.buildDescription();
    }

    private static String gpuName(Gpu gpu) {
        return "GPU " + gpu.index() + " " + gpu.name() + " (compute capability " + gpu.computeCapability() + ")";
    }

    /** {@code "sm_37, sm_50, ..."}. */
    public static String architectures(Set<Integer> archs) {
        return archs.isEmpty() ? "none" : new TreeSet<>(archs).stream().map(a -> "sm_" + a)
                .collect(Collectors.joining(", "));
    }
}
