package org.ouroboros.experiments.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.RegimeConfig;
import org.ouroboros.experiments.run.Chain;
import org.ouroboros.experiments.run.ChainProgress;
import org.ouroboros.experiments.run.Recursion;
import org.ouroboros.experiments.run.RunLayout;
import org.ouroboros.experiments.run.RunMerge;
import org.ouroboros.io.AtomicFiles;
import org.ouroboros.trainer.engine.Engine;

/**
 * One task of a sweep ({@code ouro run --only}): runs exactly one chain in the shared run directory under
 * the chain's lock, resuming at its first unfinished generation, and merges the run when it finds every
 * chain done. A chain whose generation 0 is missing runs it first, under that lock too.
 */
public final class ChainTask {
    private ChainTask() {
    }

    /** What the task did, and the merge's report if this task merged the run. */
    public record Result(Recursion.Summary summary, ChainProgress progress, Path merged, int chainsLeft) {
    }

    /** Runs {@code chain} of {@code config} in the run directory {@code out} on {@code engine}. */
    public static Result run(ExperimentConfig config, Path out, Path dataDir, Engine engine, Chain chain,
                             PrintStream log) {
        check(config, chain);
        RunLayout layout = RunLayout.existing(out, config);
        SweepLayout sweep = new SweepLayout(layout.root());
        List<ChainLock> locks = new ArrayList<>();
        Recursion.Summary summary;
        try {
            locks.add(ChainLock.acquire(sweep.lock(chain), chain.name(), log));
            if (!chain.isGen0() && !ChainProgress.of(config, layout, Chain.gen0(chain.seed())).complete()) {
                locks.add(ChainLock.acquire(sweep.lock(Chain.gen0(chain.seed())), "seed-" + chain.seed()
                        + "/gen-0 (needed first by " + chain.name() + ")", log));
                removeLeftovers(layout, Chain.gen0(chain.seed()));
            }
            removeLeftovers(layout, chain);
            summary = new Recursion(config, layout, dataDir, engine, chain).run();
        } finally {
            for (int i = locks.size() - 1; i >= 0; i--) {
                locks.get(i).close();
            }
        }
        ChainProgress progress = ChainProgress.of(config, layout, chain);
        int left = RunMerge.unfinished(config, layout).size();
        Path merged = left == 0 ? mergeUnlessBusy(config, layout, log).orElse(null) : null;
        return new Result(summary, progress, merged, left);
    }

    /**
     * Merges the run under the merge lock; empty if another task is merging it now (it writes the same
     * files from the same records).
     */
    public static Optional<Path> mergeUnlessBusy(ExperimentConfig config, RunLayout layout, PrintStream log) {
        SweepLayout sweep = new SweepLayout(layout.root());
        ChainLock lock;
        try {
            lock = ChainLock.acquire(sweep.mergeLock(), "the merge of " + layout.root(), log);
        } catch (BadInputException busy) {
            log.println("not merging: " + busy.getMessage());
            return Optional.empty();
        }
        try (lock) {
            return Optional.of(RunMerge.merge(config, layout).report());
        }
    }

    private static void check(ExperimentConfig config, Chain chain) {
        if (!config.seeds().contains(chain.seed())) {
            throw new BadInputException("--only " + chain.only() + ": seed " + chain.seed() + " is not among the "
                    + "config's seeds " + config.seeds());
        }
        List<String> labels = config.regimes().stream().map(RegimeConfig::label).toList();
        if (!chain.isGen0() && !labels.contains(chain.regime())) {
            throw new BadInputException("--only " + chain.only() + ": regime '" + chain.regime() + "' is not among "
                    + "the config's regimes " + labels);
        }
    }

    /** Deletes the temporary directories a killed task left in the chain's own place. */
    private static void removeLeftovers(RunLayout layout, Chain chain) {
        Path dir = chain.isGen0() ? layout.generationDir(chain.seed(), "", 0).getParent()
                : layout.generationDir(chain.seed(), chain.regime(), 1).getParent();
        String prefix = chain.isGen0() ? ".gen-0." : ".gen-";
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                AtomicFiles.deleteRecursively(p);
            }
        } catch (IOException e) {
            System.err.println("warning: could not remove leftovers in " + dir + ": " + e.getMessage());
        }
    }
}
