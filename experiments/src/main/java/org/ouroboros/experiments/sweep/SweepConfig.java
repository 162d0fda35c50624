package org.ouroboros.experiments.sweep;

import java.util.List;
import java.util.Locale;
import org.ouroboros.cli.BadInputException;

/**
 * How a sweep is scheduled: the {@code sweep:} section of an experiment config, which {@code ouro run}
 * ignores (it changes where chains run, not what they compute, so it is no part of the run's config
 * hash); {@code ouro sweep submit}'s flags override it key by key. Every field may be null (unset).
 *
 * @param engine         local (processes on this machine) or slurm (a job array)
 * @param parallel       local: chains at once (default: one per GPU, else one per core)
 * @param gpus           local: CUDA device ids to hand out, one chain per device (default: none, CPU)
 * @param partition      slurm: {@code --partition}
 * @param account        slurm: {@code --account}
 * @param time           slurm: {@code --time} per task, e.g. 12:00:00 or 1-00:00:00
 * @param mem            slurm: {@code --mem} per task, e.g. 16G
 * @param cpusPerTask    slurm: {@code --cpus-per-task} (also the task's OpenMP threads)
 * @param gpusPerTask    slurm: {@code --gpus-per-task}
 * @param sbatchOptions  slurm: further {@code #SBATCH} options as given, e.g. "--qos=long"
 */
public record SweepConfig(Engine engine, Integer parallel, List<Integer> gpus, String partition, String account,
                          String time, String mem, Integer cpusPerTask, Integer gpusPerTask,
                          List<String> sbatchOptions) {
    /** Where the chains run. */
    public enum Engine {
        LOCAL, SLURM;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SweepConfig {
        gpus = gpus == null ? null : List.copyOf(gpus);
        sbatchOptions = sbatchOptions == null ? null : List.copyOf(sbatchOptions);
        check(parallel == null || parallel >= 1, "parallel", "must be >= 1, got " + parallel);
        check(gpus == null || gpus.stream().allMatch(g -> g != null && g >= 0), "gpus",
                "must list device ids >= 0, got " + gpus);
        check(time == null || time.matches("[0-9:-]+"), "time", "expected a Slurm time such as 12:00:00 or "
                + "1-00:00:00, got '" + time + "'");
        check(mem == null || mem.matches("[0-9]+[KMGTkmgt]?"), "mem", "expected a Slurm size such as 16G, got '"
                + mem + "'");
        check(cpusPerTask == null || cpusPerTask >= 1, "cpus_per_task", "must be >= 1, got " + cpusPerTask);
        check(gpusPerTask == null || gpusPerTask >= 0, "gpus_per_task", "must be >= 0, got " + gpusPerTask);
        check(partition == null || partition.matches("[A-Za-z0-9_.,-]+"), "partition", "unexpected '" + partition
                + "'");
        check(account == null || account.matches("[A-Za-z0-9_.-]+"), "account", "unexpected '" + account + "'");
        check(sbatchOptions == null || sbatchOptions.stream().allMatch(o -> o != null && o.startsWith("--")
                && !o.contains("\n")), "sbatch_options", "each must be one option starting with --, got "
                + sbatchOptions);
    }

    /** Nothing set. */
    public static SweepConfig empty() {
        return new SweepConfig(null, null, null, null, null, null, null, null, null, null);
    }

    /** This config with every field {@code over} sets replaced. */
    public SweepConfig with(SweepConfig over) {
        return new SweepConfig(pick(over.engine, engine), pick(over.parallel, parallel), pick(over.gpus, gpus),
                pick(over.partition, partition), pick(over.account, account), pick(over.time, time),
                pick(over.mem, mem), pick(over.cpusPerTask, cpusPerTask), pick(over.gpusPerTask, gpusPerTask),
                pick(over.sbatchOptions, sbatchOptions));
    }

    /** The engine, local when unset. */
    public Engine engineOrDefault() {
        return engine != null ? engine : Engine.LOCAL;
    }

    private static <T> T pick(T a, T b) {
        return a != null ? a : b;
    }

    private static void check(boolean ok, String key, String message) {
        if (!ok) {
            throw new BadInputException("sweep key '" + key + "': " + message);
        }
    }
}
