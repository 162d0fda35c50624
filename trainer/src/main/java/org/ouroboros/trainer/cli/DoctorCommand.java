package org.ouroboros.trainer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.EngineChoice;
import org.ouroboros.trainer.engine.EngineProvider;
import org.ouroboros.trainer.engine.Engines;
import org.ouroboros.trainer.engine.Gpu;
import org.ouroboros.trainer.engine.Gpus;
import org.ouroboros.trainer.engine.nd4j.Backend;
import org.ouroboros.trainer.engine.pytorch.LibTorch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ouro doctor}: what this machine and build can run. Java, the CPU and its vector features, every
 * engine with its native library and version (each is started on the CPU to find out), every GPU
 * {@code nvidia-smi} shows, and per engine and device whether it runs there and why not.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check Java, CPU, engines, native libraries and GPUs: which engine runs on which device.")
public final class DoctorCommand implements Callable<Integer> {
    private static final List<String> CPU_FEATURES = List.of("sse4_2", "avx", "avx2", "fma", "avx512f",
            "avx512_bf16", "amx_bf16", "amx_tile");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    /** What doctor found. */
    public record Report(String java, Cpu cpu, List<EngineInfo> engines, List<Gpu> gpus, String noGpuReason,
                         List<Verdict> verdicts, String autoChoice) {
    }

    /** The CPU: model name, logical cores, and which of the vector features we care about it has. */
    public record Cpu(String model, int cores, List<String> features) {
    }

    /** One engine in this build: what it carries, and what it reported when started on the CPU. */
    public record EngineInfo(String name, boolean inBuild, String build, String runtime, String library,
                             String problem) {
    }

    /** Whether {@code engine} runs on {@code device}, and why not. */
    public record Verdict(String engine, String device, boolean runs, String why) {
    }

    @Override
    public Integer call() {
        Report r = examine();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
        } else {
            print(out, r);
        }
        out.flush();
        return ExitCode.OK;
    }

    /** Examines this machine and build (starts each engine on the CPU). */
    public static Report examine() {
        Gpus.Visible visible = Gpus.query();
        List<EngineInfo> engines = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        for (String name : Engines.PROVIDER_CLASSES.keySet()) {
            EngineProvider p = Engines.find(name);
            engines.add(engineInfo(name, p));
            verdicts.add(cpuVerdict(name, p));
            for (Gpu gpu : visible.gpus()) {
                verdicts.add(gpuVerdict(name, p, gpu));
            }
        }
        String auto;
        try {
            auto = EngineChoice.resolve("auto").describe();
        } catch (RuntimeException e) {
            auto = "no engine: " + e.getMessage();
        }
        return new Report(System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), cpu(),
                engines, visible.gpus(), visible.noneReason(), verdicts, auto);
    }

    private static EngineInfo engineInfo(String name, EngineProvider p) {
        if (p == null) {
            return new EngineInfo(name, false, "not in this build", "", "", "not in this build");
        }
        if (p.unavailableReason() != null) {
            return new EngineInfo(name, true, p.buildDescription(), "", "", p.unavailableReason());
        }
        if (!p.runsOnCpu()) {
            return new EngineInfo(name, true, p.buildDescription(), "", "", "GPU-only build: not started on the CPU");
        }
        try {
            Engine e = p.open("cpu");
            String library = name.equals("pytorch") ? LibTorch.libraryDir().toString() : Backend.blasLibrary();
            return new EngineInfo(name, true, p.buildDescription(), e.runtime(), library, null);
        } catch (RuntimeException | LinkageError e) {
            return new EngineInfo(name, true, p.buildDescription(), "", "", "cannot start: " + e.getMessage());
        }
    }

    private static Verdict cpuVerdict(String name, EngineProvider p) {
        if (p == null) {
            return new Verdict(name, "cpu", false, "not in this build");
        }
        if (p.unavailableReason() != null) {
            return new Verdict(name, "cpu", false, p.unavailableReason());
        }
        return p.runsOnCpu() ? new Verdict(name, "cpu", true, p.buildDescription())
                : new Verdict(name, "cpu", false, "this build is GPU-only (" + p.buildDescription() + ")");
    }

    static Verdict gpuVerdict(String name, EngineProvider p, Gpu gpu) {
        String device = gpu.device() + " " + gpu.name();
        if (p == null || p.unavailableReason() != null) {
            return new Verdict(name, device, false, p == null ? "not in this build" : p.unavailableReason());
        }
        Set<Integer> archs = p.gpuArchitectures();
        if (archs.isEmpty()) {
            return new Verdict(name, device, false, "this build has no GPU code (" + p.buildDescription()
                    + "); build with OURO_MAVEN_ARGS=-Pcuda");
        }
        GpuGenerations.Generation g = GpuGenerations.of(gpu.major(), gpu.minor());
        String what = "compute capability " + gpu.computeCapability() + (g == null ? "" : " (" + g.name() + ")");
        return gpu.runs(archs) ? new Verdict(name, device, true, what)
                : new Verdict(name, device, false, what + ": the build carries machine code for "
                + EngineChoice.architectures(archs) + " and no PTX");
    }

    /** The CPU as {@code /proc/cpuinfo} describes it (model "unknown" and no features elsewhere). */
    static Cpu cpu() {
        String model = "unknown";
        List<String> features = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && model.equals("unknown")) {
                    model = line.substring(line.indexOf(':') + 1).strip();
                } else if (line.startsWith("flags") && features.isEmpty()) {
                    Set<String> flags = Set.of(line.substring(line.indexOf(':') + 1).strip().split("\\s+"));
                    CPU_FEATURES.stream().filter(flags::contains).forEach(features::add);
                }
            }
        } catch (IOException e) {
            // not Linux: leave the model unknown
        }
        return new Cpu(model, Runtime.getRuntime().availableProcessors(), features);
    }

    private static void print(PrintWriter out, Report r) {
        out.println("java    " + r.java());
        out.println("cpu     " + r.cpu().model() + ", " + r.cpu().cores() + " cores, "
                + String.join(" ", r.cpu().features()));
        for (EngineInfo e : r.engines()) {
            out.printf(Locale.ROOT, "engine  %-8s %s%n", e.name(), e.build());
            if (e.problem() != null) {
                out.printf(Locale.ROOT, "        %-8s %s%n", "", e.problem());
            } else {
                out.printf(Locale.ROOT, "        %-8s %s; %s%n", "", e.runtime(), e.library());
            }
        }
        if (r.gpus().isEmpty()) {
            String why = r.noGpuReason() == null ? "" : r.noGpuReason();
            out.println("gpu     " + (why.startsWith("no GPU") ? why : "no GPU (" + why + ")"));
        }
        for (Gpu g : r.gpus()) {
            out.printf(Locale.ROOT, "gpu %d   %s, compute capability %s, %,d MB, driver %s%n", g.index(), g.name(),
                    g.computeCapability(), g.memoryMb(), g.driver());
        }
        out.println();
        out.printf(Locale.ROOT, "%-8s %-28s %-5s %s%n", "engine", "device", "runs", "why");
        for (Verdict v : r.verdicts()) {
            out.printf(Locale.ROOT, "%-8s %-28s %-5s %s%n", v.engine(), v.device(), v.runs() ? "yes" : "no", v.why());
        }
        out.println();
        out.println("--engine auto: " + r.autoChoice());
    }

    /** The verdicts as engine -> device -> runs, for tests and tools. */
    public static Map<String, Boolean> runs(Report r) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        r.verdicts().forEach(v -> m.put(v.engine() + "@" + v.device(), v.runs()));
        return m;
    }
}
