package org.ouroboros.experiments.config;

import static org.ouroboros.experiments.config.ConfigErrors.orDefault;
import static org.ouroboros.experiments.config.ConfigErrors.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * One regime of the run (see docs/science.md). {@code verify} and {@code tail-oversample} wrap a {@code base}
 * regime (replace, mix, accumulate or accumulate-subsample).
 *
 * @param type                 replace | mix | accumulate | accumulate-subsample | verify | tail-oversample
 * @param label                name in the CSVs and plots; default derived from the type
 * @param realFraction         mix: fraction p of real blocks (Shumailov: 0.1)
 * @param base                 verify / tail-oversample: the regime they modify
 * @param perplexityQuantile   verify: keep sequences whose gen-0 perplexity is below this quantile of the
 *                             gen-0 perplexities of the real training blocks
 * @param minNovelty           verify: keep sequences with at least this fraction of n-grams unseen in real train
 * @param noveltyN             verify: n of those n-grams
 * @param maxFrequency         tail-oversample: a token is rare if its real-train frequency is <= this (k)
 * @param factor               tail-oversample: copies of each sequence containing a rare token
 * @param detect               detect: the detector's settings (its pool's real share is {@code real_fraction})
 * @param training             this regime's own {@code training.*} settings over the run's (e.g. epochs; see
 *                             {@link TrainingOverrides}); generation 0 is shared and uses the run's
 */
public record RegimeConfig(String type, String label, Double realFraction, String base, Double perplexityQuantile,
                           Double minNovelty, Integer noveltyN, Integer maxFrequency, Integer factor,
                           DetectConfig detect, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> training) {
    /** Regimes that build a training set on their own. */
    public static final List<String> SIMPLE = List.of("replace", "mix", "accumulate", "accumulate-subsample");
    /** Regimes that modify a base regime. */
    public static final List<String> WRAPPERS = List.of("verify", "tail-oversample");
    /** Regimes that filter a scrape of their own. */
    public static final List<String> FILTERS = List.of("detect");

    public RegimeConfig {
        require(type != null, "regimes[].type", "is required (" + String.join(", ", SIMPLE) + ", "
                + String.join(", ", WRAPPERS) + ")");
        type = type.toLowerCase(Locale.ROOT);
        require(SIMPLE.contains(type) || WRAPPERS.contains(type) || FILTERS.contains(type), "regimes[].type",
                "unknown regime '" + type + "'; expected one of " + SIMPLE + ", " + WRAPPERS + " or " + FILTERS);
        boolean wrapper = WRAPPERS.contains(type);
        base = wrapper ? orDefault(base, "replace").toLowerCase(Locale.ROOT) : base;
        require(!wrapper || SIMPLE.contains(base), "regimes[].base",
                "must be one of " + SIMPLE + ", got '" + base + "'");
        require(wrapper || base == null, "regimes[].base", "only verify and tail-oversample take a base");
        String effective = wrapper ? base : type;
        realFraction = effective.equals("mix") || type.equals("detect") ? orDefault(realFraction, 0.1) : realFraction;
        detect = type.equals("detect") ? orDefault(detect, DetectConfig.defaults()) : detect;
        require(detect == null || type.equals("detect"), "regimes[].detect", "only the detect regime takes it");
        require(realFraction == null || (realFraction >= 0 && realFraction <= 1), "regimes[].real_fraction",
                "must lie in [0, 1], got " + realFraction);
        perplexityQuantile = type.equals("verify") ? orDefault(perplexityQuantile, 0.9) : perplexityQuantile;
        minNovelty = type.equals("verify") ? orDefault(minNovelty, 0.5) : minNovelty;
        noveltyN = type.equals("verify") ? orDefault(noveltyN, 4) : noveltyN;
        maxFrequency = type.equals("tail-oversample") ? orDefault(maxFrequency, 5) : maxFrequency;
        factor = type.equals("tail-oversample") ? orDefault(factor, 4) : factor;
        require(perplexityQuantile == null || (perplexityQuantile > 0 && perplexityQuantile <= 1),
                "regimes[].perplexity_quantile", "must lie in (0, 1]");
        require(minNovelty == null || (minNovelty >= 0 && minNovelty <= 1), "regimes[].min_novelty",
                "must lie in [0, 1]");
        require(noveltyN == null || noveltyN >= 1, "regimes[].novelty_n", "must be >= 1");
        require(maxFrequency == null || maxFrequency >= 1, "regimes[].max_frequency", "must be >= 1");
        require(factor == null || factor >= 1, "regimes[].factor", "must be >= 1");
        training = training == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(training));
        label = orDefault(label, defaultLabel(type, base, realFraction));
        require(label.matches("[A-Za-z0-9._-]+"), "regimes[].label",
                "may only use letters, digits, '.', '_' and '-', got '" + label + "'");
    }

    private static String defaultLabel(String type, String base, Double p) {
        String simple = WRAPPERS.contains(type) ? base : type;
        String name = simple.equals("mix") || simple.equals("detect") ? simple + "-" + trim(p) : simple;
        return WRAPPERS.contains(type) ? type + "-" + name : name;
    }

    private static String trim(Double p) {
        String s = String.valueOf(p);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** The run's training settings with this regime's overrides laid over them. */
    public TrainingConfig trainingOver(TrainingConfig run) {
        return TrainingOverrides.apply(run, training, "regimes[" + label + "].training");
    }

    /** The regime that builds the training set (the base of a wrapper, else this). */
    public String simpleType() {
        return WRAPPERS.contains(type) ? base : type;
    }
}
