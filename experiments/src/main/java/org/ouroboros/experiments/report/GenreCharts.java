package org.ouroboros.experiments.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;

/**
 * Per-genre perplexity growth ({@link GenreGrowth}): for each regime, test_perplexity(generation) /
 * test_perplexity(0) per genre with enough test tokens, the smallest genres (the minority modes collapse
 * should erase first) drawn in colour with their bootstrap bands and the rest in grey, plus the mean of
 * each group.
 */
final class GenreCharts {
    static final int WIDTH = 780;
    static final int HEIGHT = 500;
    private static final Color MAJORITY = new Color(0xb0b0b0);

    /**
     * Brown corpus texts per genre (cats.txt, 500 texts). The split is stratified by genre, so test size is
     * proportional to these; used when the run does not say how large each category is.
     */
    static final Map<String, Double> BROWN_TEXTS = Map.ofEntries(
            Map.entry("adventure", 29.0), Map.entry("belles_lettres", 75.0), Map.entry("editorial", 27.0),
            Map.entry("fiction", 29.0), Map.entry("government", 30.0), Map.entry("hobbies", 36.0),
            Map.entry("humor", 9.0), Map.entry("learned", 80.0), Map.entry("lore", 48.0),
            Map.entry("mystery", 24.0), Map.entry("news", 44.0), Map.entry("religion", 17.0),
            Map.entry("reviews", 17.0), Map.entry("romance", 29.0), Map.entry("science_fiction", 6.0));

    /**
     * Category sizes and where they came from.
     *
     * @param sizes  size per category; empty when unknown
     * @param source a phrase for the caption
     */
    record Sizes(Map<String, Double> sizes, String source) {
    }

    private GenreCharts() {
    }

    /** Sizes from the caller, else the file's size column, else Brown text counts if every genre is Brown's. */
    static Sizes sizes(CategoryTable table, Map<String, Double> given) {
        List<String> categories = table.categories();
        if (!given.isEmpty() && given.keySet().containsAll(categories)) {
            return new Sizes(given, "category sizes given to the report");
        }
        if (!table.sizes().isEmpty() && table.sizes().keySet().containsAll(categories)) {
            return new Sizes(table.sizes(), "test size column of category_perplexity.csv");
        }
        Map<String, Double> brown = new HashMap<>();
        for (String c : categories) {
            Double texts = BROWN_TEXTS.get(c.toLowerCase(Locale.ROOT));
            if (texts == null) {
                return new Sizes(Map.of(), "sizes unknown: no genre highlighted");
            }
            brown.put(c, texts);
        }
        return new Sizes(brown, "Brown corpus texts per genre (cats.txt)");
    }

    /** The quarter of categories (at least one) with the smallest sizes; empty when sizes are unknown. */
    static List<String> minority(List<String> categories, Map<String, Double> sizes) {
        if (sizes.isEmpty() || categories.size() < 2) {
            return List.of();
        }
        int count = Math.max(1, (int) Math.ceil(categories.size() / 4.0));
        return categories.stream()
                .sorted(Comparator.comparing((String c) -> sizes.get(c)).thenComparing(c -> c))
                .limit(count).toList();
    }

    /**
     * One panel per regime, in {@code regimeOrder} first and then any others: the growth of every shown
     * genre (minority in colour with its bootstrap band, the rest in grey) and the two group means.
     */
    static List<XYChart> panels(GenreGrowth data, List<String> minority, Sizes sizes, List<String> regimeOrder) {
        Map<String, Map<String, TreeMap<Integer, double[]>>> growth = data.growth();
        List<String> regimes = new ArrayList<>(regimeOrder.stream().filter(growth::containsKey).toList());
        growth.keySet().stream().filter(r -> !regimes.contains(r)).forEach(regimes::add);
        List<String> shown = data.shownGenres();
        List<String> minorityShown = minority.stream().filter(shown::contains).toList();
        List<String> majority = shown.stream().filter(c -> !minority.contains(c)).toList();
        List<XYChart> panels = new ArrayList<>();
        for (String regime : regimes) {
            List<Line> lines = new ArrayList<>();
            boolean majorityNamed = false;
            for (String category : shown) {
                TreeMap<Integer, double[]> curve = growth.get(regime).get(category);
                if (curve == null || minorityShown.contains(category)) {
                    continue;
                }
                Line grey = line("majority genres (" + majority.size() + ")", curve, MAJORITY, false).withWidth(1.5f);
                lines.add(majorityNamed ? renamed(grey, category) : grey);
                majorityNamed = true;
            }
            int colour = 0;
            for (String category : minorityShown) {
                TreeMap<Integer, double[]> curve = growth.get(regime).get(category);
                if (curve != null) {
                    Double size = sizes.sizes().get(category);
                    String name = size == null ? category : String.format(Locale.ROOT, "%s (%.0f)", category, size);
                    lines.add(line(name, curve, Charts.category(colour++), true).withWidth(3f));
                }
            }
            if (!minorityShown.isEmpty() && !majority.isEmpty()) {
                lines.add(line("minority mean", data.groupMean(regime, minorityShown), new Color(0xc00000), true)
                        .asDashed().withWidth(3f));
                lines.add(line("majority mean", data.groupMean(regime, majority), Color.BLACK, true)
                        .asDashed().withWidth(3f));
            }
            String title = regime + ": test perplexity per genre, relative to generation 0";
            panels.add(Charts.lines(title, "generation", "perplexity / generation-0 perplexity", lines, WIDTH,
                    HEIGHT));
        }
        return panels;
    }

    private static Line line(String name, TreeMap<Integer, double[]> curve, Color colour, boolean band) {
        double[] x = curve.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
        double[] y = curve.values().stream().mapToDouble(v -> v[0]).toArray();
        Line l = Line.of(name, x, y, colour);
        boolean intervals = curve.values().stream().anyMatch(v -> Double.isFinite(v[1]));
        if (band && intervals) {
            l = l.withBand(curve.values().stream().mapToDouble(v -> v[1]).toArray(),
                    curve.values().stream().mapToDouble(v -> v[2]).toArray());
        }
        return l;
    }

    private static Line renamed(Line line, String category) {
        return new Line(category, line.x(), line.y(), null, null, line.color(), false, line.width(), false);
    }
}
