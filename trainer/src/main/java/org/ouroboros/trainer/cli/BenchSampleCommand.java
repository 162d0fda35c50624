package org.ouroboros.trainer.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.trainer.bench.OpsProfile;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.bench.SampleBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ouro bench sample}: new tokens/s of greedy KV-cache decoding. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Time greedy decoding with the KV cache on a batch of random prompts.")
public final class BenchSampleCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ShapeOptions shape;

    @Mixin
    EngineOption engine = new EngineOption();

    @Option(names = "--prompt-length", defaultValue = "16", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
    int promptLength;

    @Option(names = "--max-new-tokens", defaultValue = "112", description = "New tokens (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed generations (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--profile-ops", description = "Instead of timing, count the engine's native ops and "
            + "host<->device copies per step (ND4J: with the host paths off, as CUDA runs).")
    boolean profileOps;

    @Override
    public Integer call() {
        if (promptLength < 1 || maxNewTokens < 2 || repeats < 1) {
            throw new BadInputException("need --prompt-length >= 1, --max-new-tokens >= 2, --repeats >= 1");
        }
        Engine opened = engine.open(spec.commandLine().getErr()).engine();
        if (profileOps) {
            return printProfile(OpsProfile.sample(opened, shape.shape(), promptLength));
        }
        SampleBench.Result r = SampleBench.run(opened, shape.shape(), promptLength, maxNewTokens, repeats);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
        } else {
            out.printf(Locale.ROOT, "greedy decoding, batch %d, %d-token prompts, %d new tokens%n",
                    r.shape().batchSize(), r.promptLength(), r.maxNewTokens());
            out.printf(Locale.ROOT, "  %.0f new tokens/s (%.2f s per generation, prefill %.1f ms)%n",
                    r.newTokensPerSecond(), r.secondsMedian(), r.prefillMs());
            out.printf(Locale.ROOT, "  %.2f ms per step in the first quarter, %.2f ms in the last%n",
                    r.msPerTokenFirstQuarter(), r.msPerTokenLastQuarter());
            out.flush();
        }
        return ExitCode.OK;
    }

    private int printProfile(OpsProfile p) {
        p.print(spec.commandLine().getOut(), json);
        return ExitCode.OK;
    }
}
