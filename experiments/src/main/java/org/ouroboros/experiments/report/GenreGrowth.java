package org.ouroboros.experiments.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Per-genre growth of test perplexity, ppl(genre, generation) / ppl(genre, 0), mean over seeds, with a
 * 95% bootstrap interval over the genre's test blocks: the blocks of a genre are resampled with
 * replacement (the same resample for every seed and generation, so the ratio is paired) and the ratio
 * recomputed, {@link #RESAMPLES} times. Group means (minority / majority genres) resample every genre of
 * the group. Genres whose test split has fewer than {@link #MIN_TOKENS} tokens are left out: one or two
 * blocks give a ratio that is mostly noise.
 *
 * <p>Reads {@code test_blocks.csv} (block, category, tokens) and {@code test_block_nll.csv} (regime, seed,
 * generation, block, nll); older runs without them fall back to {@code category_perplexity.csv}, without
 * intervals.
 *
 */
final class GenreGrowth {
    /** Fewest test tokens for a genre to be shown. */
    static final long MIN_TOKENS = 2000;
    static final int RESAMPLES = 400;
    private static final long SEED = 12345;

    /** Per regime, per genre, per generation: {mean, low, high} (low = high = NaN without blocks). */
    private final Map<String, Map<String, TreeMap<Integer, double[]>>> growth;
    /** Test tokens per genre (every genre, shown or not). */
    private final Map<String, Long> tokens;
    /** Per-block data for group means; null for the fallback. */
    private final Blocks blocks;

    /** The per-block inputs: NLL per regime -> seed -> generation -> block, and the blocks of each genre. */
    private record Blocks(Map<String, Map<Long, TreeMap<Integer, double[]>>> nll, Map<String, List<Integer>> byGenre,
                          List<Integer> tokens, int[][] resamples) {
    }

    private GenreGrowth(Map<String, Map<String, TreeMap<Integer, double[]>>> growth, Map<String, Long> tokens,
                        Blocks blocks) {
        this.growth = growth;
        this.tokens = tokens;
        this.blocks = blocks;
    }

    Map<String, Map<String, TreeMap<Integer, double[]>>> growth() {
        return growth;
    }

    Map<String, Long> tokens() {
        return tokens;
    }

    /** Whether the curves carry bootstrap intervals. */
    boolean hasIntervals() {
        return blocks != null;
    }

    /** Genres with at least {@link #MIN_TOKENS} test tokens, in the order of {@link #tokens}. */
    List<String> shownGenres() {
        return tokens.entrySet().stream().filter(e -> e.getValue() >= MIN_TOKENS).map(Map.Entry::getKey).toList();
    }

    /** From the per-block files when the run has them, else from {@code category_perplexity.csv}. */
    static GenreGrowth read(Path runDir, CategoryTable fallback) {
        Path blocks = runDir.resolve("test_blocks.csv");
        Path nll = runDir.resolve("test_block_nll.csv");
        if (Files.isRegularFile(blocks) && Files.isRegularFile(nll)) {
            GenreGrowth g = fromBlocks(blocks, nll);
            if (!g.growth().isEmpty()) {
                return g;
            }
        }
        return fromCategories(fallback);
    }

    private static GenreGrowth fromCategories(CategoryTable table) {
        Map<String, Long> tokens = new LinkedHashMap<>();
        for (String c : table.categories()) {
            Double size = table.sizes().get(c);
            tokens.put(c, size == null ? Long.MAX_VALUE : Math.round(size));
        }
        Map<String, Map<String, TreeMap<Integer, double[]>>> out = new LinkedHashMap<>();
        table.growth().forEach((regime, cats) -> cats.forEach((cat, gens) -> {
            TreeMap<Integer, double[]> t = new TreeMap<>();
            gens.forEach((g, v) -> t.put(g, new double[] {v, Double.NaN, Double.NaN}));
            out.computeIfAbsent(regime, k -> new LinkedHashMap<>()).put(cat, t);
        }));
        return new GenreGrowth(out, tokens, null);
    }

    private static GenreGrowth fromBlocks(Path blocksFile, Path nllFile) {
        List<String> category = new ArrayList<>();
        List<Integer> blockTokens = new ArrayList<>();
        try (CsvTable csv = CsvTable.open(blocksFile, List.of("block", "category", "tokens"))) {
            csv.forEach(r -> {
                category.add(csv.text(r, "category"));
                blockTokens.add((int) csv.integer(r, "tokens"));
            });
        }
        Map<String, List<Integer>> byGenre = new LinkedHashMap<>();
        Map<String, Long> tokens = new LinkedHashMap<>();
        for (int i = 0; i < category.size(); i++) {
            byGenre.computeIfAbsent(category.get(i), k -> new ArrayList<>()).add(i);
            tokens.merge(category.get(i), (long) blockTokens.get(i), Long::sum);
        }
        // regime -> seed -> generation -> nll per block
        Map<String, Map<Long, TreeMap<Integer, double[]>>> nll = new LinkedHashMap<>();
        try (CsvTable csv = CsvTable.open(nllFile, List.of("regime", "seed", "generation", "block", "nll"))) {
            csv.forEach(r -> {
                int block = (int) csv.integer(r, "block");
                if (block < 0 || block >= category.size()) {
                    return;
                }
                nll.computeIfAbsent(csv.text(r, "regime"), k -> new LinkedHashMap<>())
                        .computeIfAbsent(csv.integer(r, "seed"), k -> new TreeMap<>())
                        .computeIfAbsent((int) csv.integer(r, "generation"), k -> new double[category.size()])
                        [block] = csv.number(r, "nll");
            });
        }
        Blocks b = new Blocks(nll, byGenre, blockTokens, resamples(byGenre, category.size()));
        Map<String, Map<String, TreeMap<Integer, double[]>>> out = new LinkedHashMap<>();
        nll.forEach((regime, seeds) -> {
            Map<String, TreeMap<Integer, double[]>> cats = new LinkedHashMap<>();
            for (String genre : byGenre.keySet()) {
                cats.put(genre, curve(b, seeds, List.of(genre)));
            }
            out.put(regime, cats);
        });
        return new GenreGrowth(out, tokens, b);
    }

    /**
     * The mean (over {@code genres}) growth of one regime, {mean, low, high} per generation. Seeds without
     * generation 0 are left out.
     */
    private static TreeMap<Integer, double[]> curve(Blocks b, Map<Long, TreeMap<Integer, double[]>> seeds,
                                                    List<String> genres) {
        TreeMap<Integer, double[]> out = new TreeMap<>();
        TreeMap<Integer, List<Long>> seedsAt = new TreeMap<>();
        seeds.forEach((seed, gens) -> {
            if (gens.containsKey(0)) {
                gens.keySet().forEach(g -> seedsAt.computeIfAbsent(g, k -> new ArrayList<>()).add(seed));
            }
        });
        for (Map.Entry<Integer, List<Long>> e : seedsAt.entrySet()) {
            int g = e.getKey();
            double mean = growth(seeds, e.getValue(), g, genres, b.byGenre(), b.tokens(), null);
            double[] boot = new double[b.resamples().length];
            for (int r = 0; r < boot.length; r++) {
                boot[r] = growth(seeds, e.getValue(), g, genres, b.byGenre(), b.tokens(), b.resamples()[r]);
            }
            java.util.Arrays.sort(boot);
            out.put(g, new double[] {mean, Kde.quantile(boot, 0.025), Kde.quantile(boot, 0.975)});
        }
        return out;
    }

    /**
     * Mean over seeds and genres of ppl_g / ppl_0 with block weights {@code weight} (how often each block is
     * drawn in a resample; null = every block once).
     */
    private static double growth(Map<Long, TreeMap<Integer, double[]>> seeds, List<Long> use, int g,
                                 List<String> genres, Map<String, List<Integer>> byGenre, List<Integer> tokens,
                                 int[] weight) {
        double sum = 0;
        int n = 0;
        for (long seed : use) {
            double[] zero = seeds.get(seed).get(0);
            double[] now = seeds.get(seed).get(g);
            for (String genre : genres) {
                double nll0 = 0;
                double nllG = 0;
                double tok = 0;
                for (int block : byGenre.get(genre)) {
                    int w = weight == null ? 1 : weight[block];
                    nll0 += w * zero[block];
                    nllG += w * now[block];
                    tok += w * tokens.get(block);
                }
                if (tok > 0) {
                    sum += Math.exp((nllG - nll0) / tok);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** {@link #RESAMPLES} draws: for each, how many times each block is picked, resampling within genres. */
    private static int[][] resamples(Map<String, List<Integer>> byGenre, int blocks) {
        SplittableRandom rng = new SplittableRandom(SEED);
        int[][] out = new int[RESAMPLES][blocks];
        for (int[] w : out) {
            for (List<Integer> members : byGenre.values()) {
                for (int i = 0; i < members.size(); i++) {
                    w[members.get(rng.nextInt(members.size()))]++;
                }
            }
        }
        return out;
    }

    /**
     * The mean growth over {@code genres} for {@code regime}: bootstrapped as a group (every genre resampled)
     * when blocks are known, else the mean of the genres' curves.
     */
    TreeMap<Integer, double[]> groupMean(String regime, List<String> genres) {
        if (blocks != null) {
            Map<Long, TreeMap<Integer, double[]>> seeds = blocks.nll().get(regime);
            List<String> known = genres.stream().filter(blocks.byGenre()::containsKey).toList();
            return seeds == null || known.isEmpty() ? new TreeMap<>() : curve(blocks, seeds, known);
        }
        Map<String, TreeMap<Integer, double[]>> cats = growth.get(regime);
        TreeMap<Integer, double[]> out = new TreeMap<>();
        if (cats == null) {
            return out;
        }
        Map<Integer, double[]> sums = new HashMap<>();
        for (String c : genres) {
            TreeMap<Integer, double[]> curve = cats.get(c);
            if (curve != null) {
                curve.forEach((gen, v) -> {
                    double[] s = sums.computeIfAbsent(gen, k -> new double[2]);
                    s[0] += v[0];
                    s[1]++;
                });
            }
        }
        sums.forEach((gen, s) -> out.put(gen, new double[] {s[0] / s[1], Double.NaN, Double.NaN}));
        return out;
    }
}
