package org.ouroboros.trainer.engine.nd4j;

import org.ouroboros.trainer.engine.OptConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/** Small models with fixed random weights for tests. */
public final class TinyModels {
    private TinyModels() {
    }

    /** vocab 32, width 16, 2 layers, 2 heads, ffn 32, 24 positions. */
    public static OptConfig config() {
        return new OptConfig(32, 16, 2, 2, 32, 24, 1, 1, 0);
    }

    /**
     * Every tensor drawn from {@code seed} with a spread large enough that attention is far from uniform
     * and LayerNorm scales/biases are not 1/0, so a wrong index or transpose shows up in the logits.
     */
    public static Map<String, float[]> randomWeights(OptConfig cfg, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, float[]> weights = new HashMap<>();
        for (ParameterLayout.Entry e : ParameterLayout.of(cfg).canonicalOrder()) {
            float[] v = new float[Math.toIntExact(e.size())];
            boolean normScale = e.name().endsWith("layer_norm.weight");
            for (int i = 0; i < v.length; i++) {
                double u = rng.nextDouble(-1, 1);
                v[i] = (float) (normScale ? 1 + 0.5 * u : 0.4 * u);
            }
            weights.put(e.name(), v);
        }
        return weights;
    }

    /** A model of {@code type} holding {@link #randomWeights}. */
    public static OptModel model(OptConfig cfg, long seed, DataType type) {
        Parameters p = Parameters.zeros(ParameterLayout.of(cfg), type);
        randomWeights(cfg, seed).forEach(p::set);
        return new OptModel(p);
    }
}
