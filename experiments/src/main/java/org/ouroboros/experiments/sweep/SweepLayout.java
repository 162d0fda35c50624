package org.ouroboros.experiments.sweep;

import java.nio.file.Path;
import org.ouroboros.experiments.run.Chain;

/**
 * Where a sweep keeps its own files inside the run directory:
 * <pre>
 * RUN_DIR/sweep/config.yaml            the config as given (every task reads this copy)
 * RUN_DIR/sweep/plan.json              the task list ({@code sweep plan})
 * RUN_DIR/sweep/submission.json        engine, options and jobs of each submission ({@code submit}, {@code resume})
 * RUN_DIR/sweep/sweep.sbatch           the Slurm script (engine slurm)
 * RUN_DIR/sweep/logs/seed-S.CHAIN.log  one log per chain, appended to by each task that runs it
 * RUN_DIR/sweep/merge.lock             held while the tables and report are merged
 * RUN_DIR/seed-S/gen-0.lock            held by the task running a seed's generation 0
 * RUN_DIR/seed-S/REGIME/chain.lock     held by the task running a chain
 * </pre>
 * Each task writes only its chain's directory, lock and log; the top-level files are the merge's.
 */
public record SweepLayout(Path root) {
    public SweepLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path dir() {
        return root.resolve("sweep");
    }

    public Path config() {
        return dir().resolve("config.yaml");
    }

    public Path plan() {
        return dir().resolve("plan.json");
    }

    public Path submission() {
        return dir().resolve("submission.json");
    }

    public Path script() {
        return dir().resolve("sweep.sbatch");
    }

    public Path logs() {
        return dir().resolve("logs");
    }

    public Path mergeLock() {
        return dir().resolve("merge.lock");
    }

    /** The chain's log, e.g. {@code sweep/logs/seed-0.replace.log}. */
    public Path log(Chain c) {
        return logs().resolve(c.name().replace('/', '.') + ".log");
    }

    /** The lock of a chain (generation 0 of a seed: beside its generation directory). */
    public Path lock(Chain c) {
        Path seed = root.resolve("seed-" + c.seed());
        return c.isGen0() ? seed.resolve("gen-0.lock") : seed.resolve(c.regime()).resolve("chain.lock");
    }
}
