package org.ouroboros.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.DataDirOption;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.base.PretrainedBase;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.trainer.cli.EngineOption;
import org.ouroboros.trainer.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ouro pretrain}: makes the base model of a config's {@code pretrain} section (or finds it in the
 * data cache), the step {@code ouro run} takes first; prints where it is and how good it is.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pretrain (or find in the data cache) the base model of a config's pretrain section.")
public final class PretrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Experiment config.")
    Path config;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--engine", paramLabel = "nd4j|pytorch|auto",
            description = "Compute engine (default: the config's engine:, else auto).")
    String engine;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        ExperimentConfig c = ExperimentConfigs.load(config);
        Engine chosen = EngineOption.open(c.engineRequested(engine), spec.commandLine().getErr()).engine();
        PretrainedBase.Result r = pretrain(c, dataDir.resolve(), chosen);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
            return ExitCode.OK;
        }
        PretrainedBase.Figures f = r.figures();
        out.printf(Locale.ROOT, "%s base model on %s: %,d blocks, best epoch %d of %d, valid ppl %.2f, test ppl %.2f"
                        + " (%.0f s to pretrain, %,.0f tokens/s)%n  %s%n", r.reused() ? "reused" : "pretrained",
                f.corpus(), f.trainBlocks(), f.bestEpoch(), f.epochs(), f.validPerplexity(), f.testPerplexity(),
                f.seconds(), f.tokensPerSecond(), r.model());
        out.flush();
        return ExitCode.OK;
    }

    /** The base of {@code config}, from {@code dataDir}'s cache or pretrained now. */
    public static PretrainedBase.Result pretrain(ExperimentConfig config, Path dataDir, Engine engine) {
        if (config.pretrain() == null) {
            throw new BadInputException("the config has no pretrain section; add one (see "
                    + "experiments/configs/brown-paper.yaml)");
        }
        return PretrainedBase.ensure(config, dataDir, engine);
    }
}
