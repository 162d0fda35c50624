package org.ouroboros.trainer.engine.nd4j;

import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.checkpoint.OptTensorNames;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One flat ND4J buffer holding every tensor of an OPT model, with named views into it. The model's
 * weights, their gradients and the optimizer's moments are each a {@code Parameters} (or a flat array) of
 * the same {@link ParameterLayout}, so whole-model operations (zeroing gradients, the norm for clipping,
 * AdamW) are single ND4J ops over one vector.
 */
public final class Parameters {
    /** Views of one decoder layer's tensors; {@code qkvWeight} is q, k and v stacked: {@code [3C, C]}. */
    public record Layer(INDArray qkvWeight, INDArray qkvBias, INDArray outWeight, INDArray outBias,
                        INDArray norm1Weight, INDArray norm1Bias, INDArray fc1Weight, INDArray fc1Bias,
                        INDArray fc2Weight, INDArray fc2Bias, INDArray norm2Weight, INDArray norm2Bias) {
    }

    private final ParameterLayout layout;
    private final INDArray flat;
    private final Map<String, INDArray> views = new HashMap<>();
    private final Layer[] layers;

    private Parameters(ParameterLayout layout, INDArray flat) {
        this.layout = layout;
        this.flat = flat;
        for (ParameterLayout.Entry e : layout.canonicalOrder()) {
            views.put(e.name(), NdOps.view(flat, e.offset(), e.shape()));
        }
        this.layers = new Layer[layout.config().numLayers()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = layerViews(i);
        }
    }

    /** A zero-filled buffer for {@code layout} in {@code type} (FLOAT normally, DOUBLE for gradient checks). */
    public static Parameters zeros(ParameterLayout layout, DataType type) {
        return new Parameters(layout, Nd4j.create(type, layout.totalSize()));
    }

    public ParameterLayout layout() {
        return layout;
    }

    public OptConfig config() {
        return layout.config();
    }

    /** The whole buffer as one vector. */
    public INDArray flat() {
        return flat;
    }

    /** The leading part of the buffer whose tensors take weight decay. */
    public INDArray decayed() {
        return NdOps.view(flat, 0, layout.decayedSize());
    }

    /** The view of tensor {@code name} (HF name with {@code model.} prefix), in its HF shape. */
    public INDArray get(String name) {
        INDArray v = views.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return v;
    }

    public INDArray embedTokens() {
        return get(OptTensorNames.EMBED_TOKENS);
    }

    public INDArray embedPositions() {
        return get(OptTensorNames.EMBED_POSITIONS);
    }

    public INDArray finalNormWeight() {
        return get(OptTensorNames.FINAL_NORM_WEIGHT);
    }

    public INDArray finalNormBias() {
        return get(OptTensorNames.FINAL_NORM_BIAS);
    }

    public Layer layer(int i) {
        return layers[i];
    }

    /** Copies all values from {@code other}, which must have the same layout. */
    public void copyFrom(Parameters other) {
        flat.assign(other.flat);
    }

    /** Sets tensor {@code name} from row-major values. */
    public void set(String name, float[] values) {
        INDArray target = get(name);
        if (values.length != target.length()) {
            throw new IllegalArgumentException(name + ": expected " + target.length() + " values, got "
                    + values.length);
        }
        target.assign(Nd4j.createFromArray(values).reshape(target.shape()).castTo(flat.dataType()));
    }

    /** Tensor {@code name} as row-major floats. */
    public float[] toFloatArray(String name) {
        return get(name).dup('c').castTo(DataType.FLOAT).data().asFloat();
    }

    /**
     * HuggingFace's OPT initialisation from a seed: weights and embeddings ~ N(0, std), biases 0,
     * LayerNorm scale 1 and shift 0. Drawn in Java so the same seed gives the same model on any backend.
     */
    public void initialize(long seed, double std) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (ParameterLayout.Entry e : layout.canonicalOrder()) {
            INDArray v = views.get(e.name());
            if (e.decayed()) {
                float[] values = new float[Math.toIntExact(e.size())];
                SplittableRandom local = rng.split();
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (gaussian(local) * std);
                }
                set(e.name(), values);
            } else if (e.name().endsWith("layer_norm.weight")) {
                v.assign(1.0);
            } else {
                v.assign(0.0);
            }
        }
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private Layer layerViews(int i) {
        long h = config().hiddenSize();
        ParameterLayout.Entry q = layout.entry(OptTensorNames.layer(i, "self_attn.q_proj.weight"));
        ParameterLayout.Entry qb = layout.entry(OptTensorNames.layer(i, "self_attn.q_proj.bias"));
        return new Layer(
                NdOps.view(flat, q.offset(), 3 * h, h),
                NdOps.view(flat, qb.offset(), 3 * h),
                get(OptTensorNames.layer(i, "self_attn.out_proj.weight")),
                get(OptTensorNames.layer(i, "self_attn.out_proj.bias")),
                get(OptTensorNames.layer(i, "self_attn_layer_norm.weight")),
                get(OptTensorNames.layer(i, "self_attn_layer_norm.bias")),
                get(OptTensorNames.layer(i, "fc1.weight")),
                get(OptTensorNames.layer(i, "fc1.bias")),
                get(OptTensorNames.layer(i, "fc2.weight")),
                get(OptTensorNames.layer(i, "fc2.bias")),
                get(OptTensorNames.layer(i, "final_layer_norm.weight")),
                get(OptTensorNames.layer(i, "final_layer_norm.bias")));
    }
}
