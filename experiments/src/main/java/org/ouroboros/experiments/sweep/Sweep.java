package org.ouroboros.experiments.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.experiments.run.RunData;
import org.ouroboros.experiments.run.RunLayout;
import org.ouroboros.experiments.run.RunMerge;
import org.ouroboros.io.AtomicFiles;

/**
 * The sweep's operations, which the {@code ouro sweep} subcommands call: plan, submit (local or Slurm),
 * status, resume and merge of a run directory shared by every task.
 */
public final class Sweep {
    private Sweep() {
    }

    /** What was submitted: the plan, the tasks submitted, the Slurm jobs or local task states. */
    public record Submitted(SweepPlan plan, List<String> tasks, List<Submission.Job> jobs, String script,
                            List<SlurmEngine.Sbatch> commands, Map<String, LocalEngine.TaskState> local,
                            Optional<Path> merged) {
    }

    /** Writes {@code sweep/plan.json} for {@code configFile} in {@code out} (creating nothing else). */
    public static SweepPlan plan(Path configFile, Path out) {
        ExperimentConfig config = ExperimentConfigs.load(configFile);
        SweepConfigs.parse(read(configFile), configFile.toString());
        SweepLayout layout = new SweepLayout(out);
        checkSameConfig(layout, config);
        SweepPlan plan = SweepPlan.of(config, layout);
        plan.write(layout.plan());
        return plan;
    }

    /**
     * Prepares the run directory (config, run.json, tokenizer, token cache: what every task would otherwise
     * race to write) and submits every unfinished task; with {@code dryRun} only writes the plan and the
     * script and returns the sbatch commands.
     */
    public static Submitted submit(Path configFile, Path out, Path dataDir, SweepConfig flags, Launcher launcher,
                                   boolean dryRun, PrintStream log) {
        String text = read(configFile);
        ExperimentConfig config = ExperimentConfigs.load(configFile);
        SweepConfig options = SweepConfigs.parse(text, configFile.toString()).with(flags);
        SweepLayout layout = new SweepLayout(out);
        checkSameConfig(layout, config);
        SweepPlan plan = SweepPlan.of(config, layout);
        Submission fresh = new Submission(options.engineOrDefault(), options, dataDir.toAbsolutePath(),
                Path.of("").toAbsolutePath(), launcher, List.of());
        Submission submission = previous(layout).map(p -> fresh.plus(p.jobs())).orElse(fresh);
        if (dryRun) {
            return new Submitted(plan, plan.tasks().stream().map(SweepPlan.Task::name).toList(), List.of(),
                    SlurmEngine.script(plan, layout, submission), SlurmEngine.commands(plan, layout, plan.tasks()),
                    Map.of(), Optional.empty());
        }
        RunLayout run = RunLayout.open(out, config, false);
        AtomicFiles.writeString(layout.config(), text);
        plan.write(layout.plan());
        try (RunData ignored = RunData.prepare(config, run.root(), dataDir)) {
            log.println("prepared " + run.root() + " (data, tokenizer) for " + plan.tasks().size() + " tasks");
        }
        SweepStatus status = SweepStatus.of(config, layout, plan, previous(layout));
        List<String> todo = status.resumable();
        return launch(config, layout, plan, submission, plan.tasks().stream().filter(t -> todo.contains(t.name()))
                .toList(), log);
    }

    /** Submits again, the same way, every task that is unfinished and neither running nor queued. */
    public static Submitted resume(Path out, PrintStream log) {
        SweepLayout layout = new SweepLayout(out);
        SweepPlan plan = SweepPlan.read(layout.plan());
        Submission submission = Submission.read(layout.submission());
        ExperimentConfig config = ExperimentConfigs.load(layout.config());
        SweepStatus status = SweepStatus.of(config, layout, plan, Optional.of(submission));
        List<String> todo = status.resumable();
        List<SweepPlan.Task> tasks = plan.tasks().stream().filter(t -> todo.contains(t.name())).toList();
        if (tasks.isEmpty() && status.allDone() && !status.merged()) {
            Optional<Path> merged = ChainTask.mergeUnlessBusy(config, new RunLayout(layout.root()), log);
            return new Submitted(plan, List.of(), List.of(), null, List.of(), Map.of(), merged);
        }
        return launch(config, layout, plan, submission, tasks, log);
    }

    /** The status of every chain. */
    public static SweepStatus status(Path out) {
        SweepLayout layout = new SweepLayout(out);
        SweepPlan plan = SweepPlan.read(layout.plan());
        Path submission = layout.submission();
        return SweepStatus.of(ExperimentConfigs.load(configOf(layout)), layout, plan,
                Files.isRegularFile(submission) ? Optional.of(Submission.read(submission)) : Optional.empty());
    }

    /** Merges the run's tables and report; refused while a chain is unfinished. */
    public static RunMerge.Result merge(Path out) {
        SweepLayout layout = new SweepLayout(out);
        ExperimentConfig config = ExperimentConfigs.load(configOf(layout));
        RunLayout run = RunLayout.existing(layout.root(), config);
        try (ChainLock lock = ChainLock.acquire(layout.mergeLock(), "the merge of " + layout.root(), System.err)) {
            return RunMerge.merge(config, run);
        }
    }

    private static Submitted launch(ExperimentConfig config, SweepLayout layout, SweepPlan plan, Submission submission,
                                    List<SweepPlan.Task> tasks, PrintStream log) {
        List<String> names = tasks.stream().map(SweepPlan.Task::name).toList();
        createDirectories(layout.logs());
        if (submission.engine() == SweepConfig.Engine.SLURM) {
            String script = SlurmEngine.script(plan, layout, submission);
            AtomicFiles.writeString(layout.script(), script);
            List<SlurmEngine.Sbatch> commands = SlurmEngine.commands(plan, layout, tasks);
            List<Submission.Job> jobs = SlurmEngine.submit(commands);
            submission.plus(jobs).write(layout.submission());
            return new Submitted(plan, names, jobs, script, commands, Map.of(), Optional.empty());
        }
        submission.write(layout.submission());
        Map<String, LocalEngine.TaskState> states = new LocalEngine(layout, submission, log).run(tasks);
        Optional<Path> merged = Optional.empty();
        RunLayout run = new RunLayout(layout.root());
        if (RunMerge.unfinished(config, run).isEmpty()) {
            merged = Files.isRegularFile(run.file("metrics.csv")) // the last task merged it
                    ? Optional.of(run.root().resolve("report").resolve("report.html"))
                    : ChainTask.mergeUnlessBusy(config, run, log);
        }
        return new Submitted(plan, names, List.of(), null, List.of(), states, merged);
    }

    /** The submission already recorded (a submit into a sweep that ran before keeps its history). */
    private static Optional<Submission> previous(SweepLayout layout) {
        return Files.isRegularFile(layout.submission()) ? Optional.of(Submission.read(layout.submission()))
                : Optional.empty();
    }

    private static void checkSameConfig(SweepLayout layout, ExperimentConfig config) {
        if (Files.exists(layout.root().resolve("run.json"))) {
            RunLayout.existing(layout.root(), config);
        }
    }

    private static Path configOf(SweepLayout layout) {
        if (!Files.isRegularFile(layout.config())) {
            throw new BadInputException("not a sweep: " + layout.root() + " has no " + layout.root().relativize(
                    layout.config()) + " (`ouro sweep submit` writes it)");
        }
        return layout.config();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("config file not found or unreadable: " + file);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
