package org.ouroboros.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a run directory the way the recursion engine would, with made-up but plausible numbers: test
 * perplexity rising under replace, a little under mix, flat under accumulate; per-sequence perplexities
 * drifting low with a growing tail under replace; minority genres degrading fastest. Run {@link #main}
 * to get one on disk for looking at a report by eye.
 */
public final class SyntheticRun {
    static final List<String> REGIMES = List.of("replace", "mix", "accumulate");
    static final int SEEDS = 3;
    static final int GENERATIONS = 6;
    static final String CONFIG = "run:\n  name: synthetic <test> & \"quotes\"\n  generations: 5\nregimes: [replace, mix, accumulate]\n";
    static final String METRICS_HEADER = "regime,seed,generation,train_sequences,real_fraction,test_perplexity,"
            + "valid_perplexity,self_bleu,self_bleu_2,self_bleu_3,self_bleu_5,output_entropy,real_output_entropy,"
            + "unigram_entropy,distinct_1,distinct_2,rare_recall,unigram_kl,status,engine_extra";

    private SyntheticRun() {
    }

    /** Writes every file of a run directory into {@code dir}. */
    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.csv"), metricsCsv());
        Files.writeString(dir.resolve("category_perplexity.csv"), categoryCsv());
        Files.writeString(dir.resolve("sequence_perplexity.csv"), sequenceCsv());
        Files.writeString(dir.resolve("config.resolved.yaml"), CONFIG);
        Files.writeString(dir.resolve("provenance.json"), "{\"git_commit\": \"abc123\", \"seed\": 1}\n");
    }

    /** Test perplexity of one regime x seed x generation. */
    static double testPerplexity(String regime, int seed, int generation) {
        double growth = switch (regime) {
            case "replace" -> 4.0;
            case "mix" -> 1.0;
            default -> 0.1;
        };
        return 34.0 + seed * 0.5 + growth * generation;
    }

    static String metricsCsv() {
        StringBuilder csv = new StringBuilder(METRICS_HEADER).append('\n');
        for (String regime : REGIMES) {
            boolean replace = regime.equals("replace");
            for (int seed = 1; seed <= SEEDS; seed++) {
                for (int g = 0; g < GENERATIONS; g++) {
                    if (replace && seed == 3 && g == 5) {
                        csv.append("replace,3,5,1000,0.0,,,,,,,,,,,,,,failed: loss diverged (nan at step 120),x\n");
                        continue;
                    }
                    double decay = g * (replace ? 0.05 : regime.equals("mix") ? 0.015 : 0.005);
                    csv.append(String.format(Locale.ROOT,
                            "%s,%d,%d,1000,%.2f,%.6f,%.6f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,ok,x%n",
                            regime, seed, g, g == 0 ? 1.0 : 0.1, testPerplexity(regime, seed, g),
                            testPerplexity(regime, seed, g) + 1, 0.2 + decay + seed * 0.01, 0.5 + decay, 0.35 + decay,
                            0.12 + decay, 3.0 - decay * 4, 3.2, 6.5 - decay * 3, 0.30 - decay, 0.75 - decay,
                            0.8 - decay * 2, 0.02 + decay / 2));
                }
            }
        }
        return csv.toString();
    }

    static String categoryCsv() {
        StringBuilder csv = new StringBuilder("regime,seed,generation,category,test_perplexity\n");
        for (String regime : REGIMES) {
            for (int seed = 1; seed <= SEEDS; seed++) {
                for (int g = 0; g < GENERATIONS; g++) {
                    for (Map.Entry<String, Double> genre : GenreCharts.BROWN_TEXTS.entrySet()) {
                        double smallness = 1.0 / genre.getValue();
                        double base = regime.equals("replace") ? 0.05 : regime.equals("mix") ? 0.015 : 0.005;
                        double rate = base * (1 + 20 * smallness);
                        csv.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%.5f%n", regime, seed, g, genre.getKey(),
                                (30 + genre.getKey().length()) * (1 + rate * g)));
                    }
                }
            }
        }
        return csv.toString();
    }

    static String sequenceCsv() {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("regime,seed,generation,sequence,perplexity\n");
        for (String regime : REGIMES) {
            double drift = regime.equals("replace") ? 1.0 : regime.equals("mix") ? 0.3 : 0.1;
            for (int seed = 1; seed <= SEEDS; seed++) {
                for (int g = 0; g < GENERATIONS; g++) {
                    for (int s = 0; s < 300; s++) {
                        boolean tail = random.nextDouble() < 0.02 * g * drift;
                        double logPpl = Math.log(34) - 0.25 * g * drift + 0.5 * random.nextGaussian()
                                + (tail ? 3 + random.nextDouble() * 2 : 0);
                        csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%.4f%n", regime, seed, g, s, Math.exp(logPpl)));
                    }
                }
            }
        }
        return csv.toString();
    }

    /** Writes a synthetic run directory into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "synthetic-run");
        write(dir);
        System.out.println(dir.toAbsolutePath());
    }

    /** The regime names as a list, for assertions. */
    static List<String> regimes() {
        return new ArrayList<>(REGIMES);
    }
}
