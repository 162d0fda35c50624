package org.ouroboros.experiments.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ouroboros.cli.DataDirOption;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.sweep.Launcher;
import org.ouroboros.experiments.sweep.LocalEngine;
import org.ouroboros.experiments.sweep.SlurmEngine;
import org.ouroboros.experiments.sweep.Submission;
import org.ouroboros.experiments.sweep.Sweep;
import org.ouroboros.experiments.sweep.SweepConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ouro sweep submit}: prepares the shared run directory and runs every unfinished chain, as local
 * processes (in the foreground) or as Slurm job arrays. Options override the config's {@code sweep:} section.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Run a config's chains as separate tasks: local processes (--engine local, waits for them) or "
                + "Slurm job arrays (--engine slurm, returns once submitted).")
public final class SweepSubmitCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SweepTarget target;

    @Option(names = "--engine", paramLabel = "local|slurm", description = "Where chains run (default: sweep.engine, "
            + "else local).")
    SweepConfig.Engine engine;

    @Option(names = "--parallel", paramLabel = "K", description = "local: chains at once (default: one per GPU, else "
            + "one per core); the cores are divided between them.")
    Integer parallel;

    @Option(names = "--gpus", split = ",", paramLabel = "ID", description = "local: CUDA devices, one chain on each.")
    List<Integer> gpus;

    @Option(names = "--partition", description = "slurm: partition.")
    String partition;

    @Option(names = "--account", description = "slurm: account.")
    String account;

    @Option(names = "--time", description = "slurm: time limit per task, e.g. 12:00:00.")
    String time;

    @Option(names = "--mem", description = "slurm: memory per task, e.g. 16G.")
    String mem;

    @Option(names = "--cpus-per-task", paramLabel = "N", description = "slurm: CPUs per task (its OpenMP threads).")
    Integer cpusPerTask;

    @Option(names = "--gpus-per-task", paramLabel = "N", description = "slurm: GPUs per task.")
    Integer gpusPerTask;

    @Option(names = "--sbatch-option", paramLabel = "--OPT=VALUE", description = "slurm: a further #SBATCH option "
            + "(repeatable).")
    List<String> sbatchOptions;

    @Option(names = "--dry-run", description = "slurm: write nothing, print the script and the sbatch commands.")
    boolean dryRun;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--json", description = "Print what was submitted as JSON.")
    boolean json;

    @Override
    public Integer call() {
        SweepConfig flags = new SweepConfig(engine, parallel, gpus, partition, account, time, mem, cpusPerTask,
                gpusPerTask, sbatchOptions);
        Sweep.Submitted s = Sweep.submit(target.config, target.out, dataDir.resolve(), flags, Launcher.current(), dryRun, System.err);
        return print(spec.commandLine().getOut(), s, json, dryRun);
    }

    /** Prints what was submitted (or, dry, what would be); exit 1 if a local task failed. */
    static int print(PrintWriter pw, Sweep.Submitted s, boolean json, boolean dry) {
        boolean failed = s.local().values().stream().anyMatch(t -> !t.state().equals("done"));
        if (json) {
            Json.print(pw, s);
            return failed ? ExitCode.RUN_FAILURE : ExitCode.OK;
        }
        if (dry) {
            pw.print(s.script());
            pw.println();
            for (SlurmEngine.Sbatch c : s.commands()) {
                pw.println("sbatch " + String.join(" ", c.args()));
            }
        }
        for (Submission.Job j : s.jobs()) {
            pw.printf("submitted job %s: %s, array %s%s%n", j.id(), j.what().equals("gen0") ? "generation 0" : "chains "
                    + j.what(), String.join(",", j.chains().values()), j.dependsOn() != null ? ", each after its "
                    + "generation 0 (aftercorr:" + j.dependsOn() + ")" : "");
        }
        for (Map.Entry<String, LocalEngine.TaskState> e : s.local().entrySet()) {
            pw.printf("%-28s %s%s%n", e.getKey(), e.getValue().state(), e.getValue().exitCode() != null
                    && e.getValue().exitCode() != 0 ? " (exit " + e.getValue().exitCode() + ")" : "");
        }
        if (!dry && s.tasks().isEmpty()) {
            pw.println("nothing to submit: every chain is done, running or queued");
        }
        s.merged().ifPresent(r -> pw.println("merged: " + r));
        if (!dry && !s.plan().tasks().isEmpty()) {
            pw.println("status: ouro sweep status " + s.plan().runDir());
        }
        pw.flush();
        return failed ? ExitCode.RUN_FAILURE : ExitCode.OK;
    }
}
