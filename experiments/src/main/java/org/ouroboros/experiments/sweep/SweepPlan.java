package org.ouroboros.experiments.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.experiments.config.RegimeConfig;
import org.ouroboros.experiments.run.Chain;
import org.ouroboros.experiments.run.RunMerge;
import org.ouroboros.io.AtomicFiles;

/**
 * A sweep's task list ({@code sweep/plan.json}): per seed its generation 0, then one chain per regime that
 * needs it; each task is one {@code ouro run --only} in the shared run directory.
 *
 * @param name          the experiment's name
 * @param runDir        the shared run directory
 * @param configSha256  the run's config hash (the tasks refuse a run directory of another config)
 * @param seeds         the replicate seeds (a Slurm array index is a position in this list)
 * @param regimes       the regime labels
 * @param generations   generations per chain after generation 0
 * @param tasks         every task, generation-0 tasks first
 */
public record SweepPlan(String name, Path runDir, String configSha256, List<Long> seeds, List<String> regimes,
                        int generations, List<Task> tasks) {
    /**
     * One task.
     *
     * @param name        {@code seed-S/gen-0} or {@code seed-S/REGIME}
     * @param only        its {@code ouro run --only} argument
     * @param seed        the seed
     * @param regime      the regime label, null for generation 0
     * @param generations generations it runs
     * @param needs       tasks that must finish first
     * @param log         its log file
     */
    public record Task(String name, String only, long seed, String regime, int generations, List<String> needs,
                       Path log) {
        /** The chain this task runs. */
        public Chain chain() {
            return new Chain(seed, regime);
        }
    }

    public SweepPlan {
        seeds = List.copyOf(seeds);
        regimes = List.copyOf(regimes);
        tasks = List.copyOf(tasks);
    }

    /** The plan of {@code config} in the run directory of {@code layout}. */
    public static SweepPlan of(ExperimentConfig config, SweepLayout layout) {
        List<Task> gen0 = new ArrayList<>();
        List<Task> chains = new ArrayList<>();
        for (Chain c : RunMerge.chains(config)) {
            Task t = new Task(c.name(), c.only(), c.seed(), c.regime(), c.isGen0() ? 1 : config.generations(),
                    c.isGen0() ? List.of() : List.of(Chain.gen0(c.seed()).name()), layout.log(c));
            (c.isGen0() ? gen0 : chains).add(t);
        }
        gen0.addAll(chains);
        return new SweepPlan(config.name(), layout.root(), ExperimentConfigs.hash(config), config.seeds(),
                config.regimes().stream().map(RegimeConfig::label).toList(), config.generations(), gen0);
    }

    public void write(Path file) {
        AtomicFiles.writeString(file, Json.writePretty(this) + "\n");
    }

    public static SweepPlan read(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), SweepPlan.class);
        } catch (IOException e) {
            throw new BadInputException("not a sweep: cannot read " + file + " (" + e.getMessage().split("\n")[0]
                    + "); `ouro sweep plan` or `ouro sweep submit` writes it");
        }
    }

    /** The position of {@code seed} in the seeds (its Slurm array index). */
    public int index(long seed) {
        return seeds.indexOf(seed);
    }

    /** Prints the plan as a table. */
    public void print(PrintWriter pw) {
        long chains = tasks.stream().filter(t -> t.regime() != null).count();
        pw.printf(Locale.ROOT, "sweep %s: %d seeds x %d regimes x %d generations = %d tasks (%d generation-0, %d chains)"
                + "%n  run directory %s%n", name, seeds.size(), regimes.size(), generations, tasks.size(),
                tasks.size() - chains, chains, runDir);
        pw.printf(Locale.ROOT, "%-28s %-20s %11s  %s%n", "task", "needs", "generations", "ouro run --only");
        for (Task t : tasks) {
            pw.printf(Locale.ROOT, "%-28s %-20s %11d  %s%n", t.name(), t.needs().isEmpty() ? "-"
                    : String.join(",", t.needs()), t.generations(), t.only());
        }
        pw.flush();
    }
}
