package org.ouroboros.experiments.run;

import java.util.ArrayList;
import java.util.List;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.RegimeConfig;
import org.ouroboros.experiments.report.RunReport;

/**
 * The merge of a run whose chains ran apart (a sweep): the run's tables ({@code metrics.csv},
 * {@code category_perplexity.csv}, {@code sequence_perplexity.csv}, {@code timings.csv}) and its report,
 * written from the generation records on disk in the order {@link Recursion} writes them, so they are the
 * files a single {@code ouro run} of the same config writes.
 */
public final class RunMerge {
    private RunMerge() {
    }

    /** What was merged: the report and the number of rows in {@code metrics.csv}. */
    public record Result(java.nio.file.Path report, int rows) {
    }

    /** The chains with something left to run (empty when the run can be merged). */
    public static List<ChainProgress> unfinished(ExperimentConfig config, RunLayout layout) {
        List<ChainProgress> left = new ArrayList<>();
        for (Chain c : chains(config)) {
            ChainProgress p = ChainProgress.of(config, layout, c);
            if (!p.complete()) {
                left.add(p);
            }
        }
        return left;
    }

    /** Every chain of a config: per seed, its generation 0, then one chain per regime. */
    public static List<Chain> chains(ExperimentConfig config) {
        List<Chain> chains = new ArrayList<>();
        for (long seed : config.seeds()) {
            chains.add(Chain.gen0(seed));
            for (RegimeConfig rc : config.regimes()) {
                chains.add(new Chain(seed, rc.label()));
            }
        }
        return chains;
    }

    /** Writes the tables and the report; refused while a chain is unfinished. */
    public static Result merge(ExperimentConfig config, RunLayout layout) {
        List<ChainProgress> left = unfinished(config, layout);
        if (!left.isEmpty()) {
            throw new BadInputException("cannot merge " + layout.root() + ": " + left.size() + " chain(s) unfinished ("
                    + String.join(", ", left.stream().map(p -> p.chain().name() + " " + p.finished() + "/"
                    + p.expected()).toList()) + ")");
        }
        List<ResultTables.Entry> entries = new ArrayList<>();
        for (long seed : config.seeds()) {
            GenerationRecord zero = ChainProgress.stored(layout, seed, "", 0);
            for (RegimeConfig rc : config.regimes()) {
                entries.add(new ResultTables.Entry(rc.label(), zero));
            }
            if (zero.failed()) {
                continue;
            }
            for (RegimeConfig rc : config.regimes()) {
                for (int n = 1; n <= config.generations(); n++) {
                    GenerationRecord r = ChainProgress.stored(layout, seed, rc.label(), n);
                    entries.add(new ResultTables.Entry(rc.label(), r));
                    if (r.failed()) {
                        break;
                    }
                }
            }
        }
        ResultTables.write(layout, entries);
        return new Result(RunReport.write(layout.root()).report(), entries.size());
    }
}
