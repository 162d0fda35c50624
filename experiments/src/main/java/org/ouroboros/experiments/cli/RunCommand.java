package org.ouroboros.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.DataDirOption;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.experiments.run.Chain;
import org.ouroboros.experiments.run.MetricsRow;
import org.ouroboros.experiments.run.Recursion;
import org.ouroboros.experiments.run.RunLayout;
import org.ouroboros.experiments.sweep.ChainTask;
import org.ouroboros.trainer.cli.EngineOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ouro run}: every (regime x seed) of a config for its generations, into a run directory; re-run
 * the same command to resume after an interruption.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a recursion experiment from a YAML config (resumable).")
public final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Experiment config.")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run directory (created or resumed).")
    Path out;

    @Option(names = "--force-new", description = "If RUN_DIR holds a run of another config, move it aside and start anew.")
    boolean forceNew;

    @Option(names = "--extend", description = "If RUN_DIR holds this config with fewer generations or seeds, "
            + "continue it to this config's (the results equal a run that had them from the start).")
    boolean extend;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--engine", paramLabel = "nd4j|pytorch|auto",
            description = "Compute engine; overrides the config's engine: (default: the config's, else auto).")
    String engine;

    @Option(names = "--json", description = "Print a JSON summary.")
    boolean json;

    @Option(names = "--only", paramLabel = "regime=R,seed=S|gen0,seed=S", description = "Run one chain only, as a "
            + "sweep's task does: its generations under a lock, no top-level files; the run is merged when every "
            + "chain is done.")
    String only;

    @Override
    public Integer call() {
        if (only != null) {
            return runChain();
        }
        Recursion.Summary s = run(ExperimentConfigs.load(config), out, forceNew, extend, dataDir.resolve(), engine,
                spec.commandLine().getErr());
        print(spec.commandLine().getOut(), s, json);
        return ExitCode.OK;
    }

    /** Runs (or resumes) {@code config} in {@code out}, reading corpora from {@code dataDir}, on the config's engine. */
    public static Recursion.Summary run(ExperimentConfig config, Path out, boolean forceNew, Path dataDir) {
        return run(config, out, forceNew, dataDir, null, new PrintWriter(System.err, true));
    }

    /**
     * As above on {@code engine} (nd4j, pytorch, auto; null: the config's {@code engine:}, else auto), saying
     * which on {@code err}.
     */
    public static Recursion.Summary run(ExperimentConfig config, Path out, boolean forceNew, Path dataDir,
                                        String engine, PrintWriter err) {
        return run(config, out, forceNew, false, dataDir, engine, err);
    }

    /** As above; {@code extend} continues a run of this config with fewer generations or seeds. */
    public static Recursion.Summary run(ExperimentConfig config, Path out, boolean forceNew, boolean extend,
                                        Path dataDir, String engine, PrintWriter err) {
        EngineOption.Opened opened = EngineOption.open(config.engineRequested(engine), err);
        RunLayout layout = RunLayout.open(out, config, forceNew, extend, opened.provenance());
        return new Recursion(config, layout, dataDir, opened.engine()).run();
    }

    private Integer runChain() {
        if (forceNew) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--force-new cannot be used with --only");
        }
        ExperimentConfig c = ExperimentConfigs.load(config);
        EngineOption.Opened opened = EngineOption.open(c.engineRequested(engine), spec.commandLine().getErr());
        ChainTask.Result r = ChainTask.run(c, out, dataDir.resolve(), opened.engine(), Chain.parse(only, "--only"),
                System.err);
        PrintWriter pw = spec.commandLine().getOut();
        print(pw, r.summary(), json);
        if (!json) {
            pw.printf(Locale.ROOT, "%s: %d/%d generations%s; %s%n", r.progress().chain(), r.progress().finished(),
                    r.progress().expected(), r.progress().failure() != null ? " (" + r.progress().failure() + ")" : "",
                    r.merged() != null ? "merged: " + r.merged() : r.chainsLeft() + " chain(s) of the run unfinished");
            pw.flush();
        }
        return ExitCode.OK;
    }

    static void print(PrintWriter pw, Recursion.Summary s, boolean json) {
        if (json) {
            Json.print(pw, s);
            return;
        }
        pw.printf(Locale.ROOT, "%-24s %4s %3s %12s %12s %9s %9s %6s%n", "regime", "seed", "gen", "test ppl",
                "valid ppl", "self-BLEU", "distinct2", "status");
        for (MetricsRow m : s.rows()) {
            pw.printf(Locale.ROOT, "%-24s %4d %3d %12.2f %12.2f %9.3f %9.3f %6s%n", m.regime(), m.seed(), m.generation(),
                    m.testPerplexity(), m.validPerplexity(), m.selfBleu(), m.distinct2(),
                    m.status().startsWith("ok") ? "ok" : "failed");
        }
        pw.printf(Locale.ROOT, "%d generations run, %d resumed from disk%n", s.generationsRun(), s.generationsResumed());
        if (s.report() != null) {
            pw.printf(Locale.ROOT, "report: %s%n", s.report());
        }
        pw.flush();
    }
}
