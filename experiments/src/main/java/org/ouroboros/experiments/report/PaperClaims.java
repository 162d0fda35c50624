package org.ouroboros.experiments.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.experiments.config.RegimeConfig;

/**
 * The table "the paper's claim / our figure / holds?" of a run, computed from its CSVs: Shumailov et al.'s
 * findings for setting (a) (the run's {@code replace} regime) and setting (b) (its {@code mix} regime),
 * each checked against what this run measured. Rows whose inputs the run lacks are left out.
 */
final class PaperClaims {
    /** One row of the table. */
    record Claim(String claim, String ours, boolean holds) {
        List<String> cells() {
            return List.of(claim, ours, holds ? "yes" : "no");
        }
    }

    private PaperClaims() {
    }

    /** The label of the first regime of {@code type} in the run's resolved config, or null. */
    static String settingLabel(Path runDir, String type) {
        Path f = runDir.resolve("config.resolved.yaml");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            ExperimentConfig c = ExperimentConfigs.load(f);
            return c.regimes().stream().filter(r -> r.type().equals(type)).map(RegimeConfig::label).findFirst()
                    .orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static List<Claim> of(Path runDir, MetricsTable metrics, PaperReferences refs, SequencePerplexities seqs,
                          GenreGrowth genres, List<String> minority) {
        String a = settingLabel(runDir, "replace");
        String b = settingLabel(runDir, "mix");
        List<Claim> out = new ArrayList<>();
        Map<String, List<SeedStats>> test = metrics.stats("test_perplexity");
        if (refs.known() && !test.isEmpty()) {
            double tuned = test.values().iterator().next().get(0).mean();
            out.add(new Claim("Fine-tuning the base on real data lowers test perplexity well below the base's "
                    + "zero-shot value (OPT-125M on wikitext-2: 115 -> 34)",
                    String.format(Locale.ROOT, "zero-shot %.1f -> fine-tuned %.1f", refs.zeroShot(), tuned),
                    tuned < refs.zeroShot()));
        }
        if (a != null && test.containsKey(a)) {
            int[] rising = risingSeeds(metrics, a);
            List<SeedStats> s = test.get(a);
            out.add(new Claim("Setting (a), synthetic data only: test perplexity rises over the generations "
                    + "(the paper: by about 20-28 points by generation 9)",
                    String.format(Locale.ROOT, "%.1f -> %.1f (mean, generation %d); higher than generation 0 on %d "
                            + "of %d seeds", s.get(0).mean(), last(s).mean(), last(s).generation(), rising[0],
                            rising[1]), rising[1] > 0 && rising[0] == rising[1]));
        }
        if (a != null && b != null && test.containsKey(a) && test.containsKey(b)) {
            int g = Math.min(last(test.get(a)).generation(), last(test.get(b)).generation());
            double ra = at(test.get(a), g) - test.get(a).get(0).mean();
            double rb = at(test.get(b), g) - test.get(b).get(0).mean();
            out.add(new Claim("Setting (b), 10% real data kept: perplexity rises less than in setting (a)",
                    String.format(Locale.ROOT, "rise by generation %d: %+.1f under (b) vs %+.1f under (a)", g, rb, ra),
                    rb < ra));
        }
        for (String label : Arrays.asList(a, b)) {
            TreeMap<Integer, double[]> g = label == null ? null : seqs.byRegime().get(label);
            if (g == null || !g.containsKey(0) || g.size() < 3) {
                continue;
            }
            double[] real = Kde.log10(g.get(0));
            double[] first = Kde.log10(g.get(g.higherKey(0)));
            double[] lastGen = Kde.log10(g.lastEntry().getValue());
            double realMedian = Math.pow(10, Kde.quantile(real, 0.5));
            double lastMedian = Math.pow(10, Kde.quantile(lastGen, 0.5));
            out.add(new Claim(label + ": generated training data is more probable than real text under the "
                    + "generation-0 model (Fig. 1: mass moves to low perplexity)",
                    String.format(Locale.ROOT, "median %.1f for real data, %.1f for generation %d's training data",
                            realMedian, lastMedian, g.lastKey()), lastMedian < realMedian));
            double p95First = Math.pow(10, Kde.quantile(first, 0.95));
            double p95Last = Math.pow(10, Kde.quantile(lastGen, 0.95));
            double maxFirst = Math.pow(10, first[first.length - 1]);
            double maxLast = Math.pow(10, lastGen[lastGen.length - 1]);
            out.add(new Claim(label + ": a long high-perplexity tail grows over the generations (Fig. 1)",
                    String.format(Locale.ROOT, "p95 %.1f -> %.1f, max %.0f -> %.0f (generation %d -> %d data)",
                            p95First, p95Last, maxFirst, maxLast, g.higherKey(0), g.lastKey()),
                    p95Last > p95First || maxLast > maxFirst));
        }
        if (a != null && genres != null && !minority.isEmpty()) {
            List<String> shown = genres.shownGenres();
            List<String> minor = minority.stream().filter(shown::contains).toList();
            List<String> major = shown.stream().filter(c -> !new HashSet<>(minority).contains(c)).toList();
            TreeMap<Integer, double[]> mi = genres.groupMean(a, minor);
            TreeMap<Integer, double[]> ma = genres.groupMean(a, major);
            if (!minor.isEmpty() && !major.isEmpty() && !mi.isEmpty() && !ma.isEmpty()) {
                double rMinor = mi.lastEntry().getValue()[0];
                double rMajor = ma.lastEntry().getValue()[0];
                out.add(new Claim("The tails go first: minority genres (" + String.join(", ", minor) + ") lose more "
                        + "than the majority under setting (a)",
                        String.format(Locale.ROOT, "perplexity x%.3f for the minority vs x%.3f for the majority at "
                                + "generation %d", rMinor, rMajor, mi.lastKey()), rMinor > rMajor));
            }
        }
        return out;
    }

    /** {rising, total}: seeds whose last generation's test perplexity exceeds their generation 0's. */
    private static int[] risingSeeds(MetricsTable metrics, String regime) {
        Map<Long, TreeMap<Integer, Double>> bySeed = new TreeMap<>();
        for (MetricsRow r : metrics.rows()) {
            if (r.regime().equals(regime) && r.ok() && Double.isFinite(r.value("test_perplexity"))) {
                bySeed.computeIfAbsent(r.seed(), k -> new TreeMap<>()).put(r.generation(), r.value("test_perplexity"));
            }
        }
        int rising = 0;
        int total = 0;
        for (TreeMap<Integer, Double> s : bySeed.values()) {
            if (s.containsKey(0) && s.size() > 1) {
                total++;
                rising += s.lastEntry().getValue() > s.get(0) ? 1 : 0;
            }
        }
        return new int[] {rising, total};
    }

    /** The mean at generation {@code g} (NaN if absent). */
    private static double at(List<SeedStats> s, int g) {
        return s.stream().filter(x -> x.generation() == g).mapToDouble(SeedStats::mean).findFirst().orElse(Double.NaN);
    }

    private static SeedStats last(List<SeedStats> s) {
        return s.get(s.size() - 1);
    }
}
