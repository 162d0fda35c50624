package org.ouroboros.experiments.regime;

import java.util.List;
import org.ouroboros.experiments.config.RegimeConfig;

/** Builds the {@link Regime} a config entry describes. */
public final class Regimes {
    private Regimes() {
    }

    /**
     * @param real                the real training blocks
     * @param realGen0Perplexity  their perplexities under the generation-0 model (the verify gate's scale)
     * @param realCounts          token frequencies of the real training blocks (tail-oversample's rare tokens)
     */
    public static Regime create(RegimeConfig c, List<int[]> real, double[] realGen0Perplexity, long[] realCounts) {
        return create(c, real, realGen0Perplexity, realCounts, 32);
    }

    /** As above; {@code evalBatchSize} is the batch a regime that scores blocks with a model uses. */
    public static Regime create(RegimeConfig c, List<int[]> real, double[] realGen0Perplexity, long[] realCounts,
                                int evalBatchSize) {
        if (c.type().equals("detect")) {
            return new DetectRegime(c.label(), c.realFraction(), c.detect(), realGen0Perplexity, evalBatchSize);
        }
        Regime simple = simple(c.simpleType(), c.label(), c.realFraction());
        return switch (c.type()) {
            case "verify" -> WrappedRegimes.verify(c.label(), simple,
                    new VerificationGate(real, realGen0Perplexity, c.perplexityQuantile(), c.minNovelty(),
                            c.noveltyN()));
            case "tail-oversample" -> WrappedRegimes.tailOversample(c.label(), simple, realCounts,
                    c.maxFrequency(), c.factor());
            default -> simple;
        };
    }

    private static Regime simple(String type, String label, Double realFraction) {
        return switch (type) {
            case "replace" -> SimpleRegimes.replace(label);
            case "mix" -> SimpleRegimes.mix(label, realFraction);
            case "accumulate" -> SimpleRegimes.accumulate(label);
            case "accumulate-subsample" -> SimpleRegimes.accumulateSubsample(label);
            default -> throw new IllegalArgumentException("not a simple regime: " + type);
        };
    }
}
