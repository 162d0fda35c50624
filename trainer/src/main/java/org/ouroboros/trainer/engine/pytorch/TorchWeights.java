package org.ouroboros.trainer.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ouroboros.trainer.checkpoint.OptTensorNames;
import org.ouroboros.trainer.checkpoint.Tensor;
import org.ouroboros.trainer.checkpoint.TensorSpec;
import org.ouroboros.trainer.engine.OptConfig;

/**
 * The parameters of one OPT decoder as float32 libtorch tensors on one device, under their HuggingFace names
 * (with the {@code model.} prefix), in HF's order. The matrices (embeddings and Linear weights) take weight
 * decay, biases and LayerNorm parameters do not - the same split as the ND4J engine's parameter layout.
 */
final class TorchWeights {
    /** One decoder layer's tensors, named as {@code OPTDecoderLayer} names them. */
    record Layer(NDArray qWeight, NDArray qBias, NDArray kWeight, NDArray kBias, NDArray vWeight, NDArray vBias,
                 NDArray outWeight, NDArray outBias, NDArray selfAttnNormWeight, NDArray selfAttnNormBias,
                 NDArray fc1Weight, NDArray fc1Bias, NDArray fc2Weight, NDArray fc2Bias,
                 NDArray finalNormWeight, NDArray finalNormBias) {
    }

    private final OptConfig config;
    private final Map<String, NDArray> byName;
    private final Layer[] layers;

    private TorchWeights(OptConfig config, Map<String, NDArray> byName) {
        this.config = config;
        this.byName = Collections.unmodifiableMap(byName);
        this.layers = new Layer[config.numLayers()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = layerOf(i);
        }
    }

    /**
     * Uploads {@code tensors} (canonical HF names, float32, shapes checked by the caller) to {@code manager}'s
     * device; the arrays belong to {@code manager} and require gradients when {@code trainable}.
     */
    static TorchWeights upload(OptConfig config, Map<String, Tensor> tensors, NDManager manager, boolean trainable) {
        return upload(config, tensors, manager, trainable, DataType.FLOAT32);
    }

    /** As {@link #upload(OptConfig, Map, NDManager, boolean)}, held as {@code type} (float64 for gradient checks). */
    static TorchWeights upload(OptConfig config, Map<String, Tensor> tensors, NDManager manager, boolean trainable,
                               DataType type) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (TensorSpec spec : OptTensorNames.layout(config)) {
            Tensor t = tensors.get(spec.name());
            if (t == null) {
                throw new IllegalArgumentException("no tensor named " + spec.name());
            }
            if (!t.hasShape(spec.shape())) {
                throw new IllegalArgumentException(OptTensorNames.shapeError(spec, t.shape()));
            }
            NDArray a = manager.create(t.data(), new Shape(spec.shape()));
            if (type != DataType.FLOAT32) {
                NDArray f32 = a;
                a = f32.toType(type, false);
                f32.close();
            }
            a.setName(spec.name());
            if (trainable) {
                a.setRequiresGradient(true);
            }
            arrays.put(spec.name(), a);
        }
        return new TorchWeights(config, arrays);
    }

    /**
     * HuggingFace's OPT initialisation drawn from {@code seed}: matrices ~ N(0, std), biases 0, LayerNorm scale
     * 1 and shift 0. Drawn in Java in HF order, one split stream per matrix, so it gives the ND4J engine's
     * initial weights bit for bit.
     */
    static Map<String, Tensor> initialTensors(OptConfig config, long seed, double std) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (TensorSpec spec : OptTensorNames.layout(config)) {
            float[] values = new float[Math.toIntExact(Tensor.elementCount(spec.shape()))];
            if (spec.shape().length == 2) {
                SplittableRandom local = rng.split();
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (gaussian(local) * std);
                }
            } else if (spec.name().endsWith("layer_norm.weight")) {
                Arrays.fill(values, 1f);
            }
            out.put(spec.name(), new Tensor(spec.shape(), values));
        }
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller, as the ND4J engine draws it (SplittableRandom has no nextGaussian on Java 17)
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    OptConfig config() {
        return config;
    }

    /** Every parameter in HF order. */
    List<NDArray> all() {
        return new ArrayList<>(byName.values());
    }

    /** Whether weight decay applies to {@code p} (the matrices: embeddings and Linear weights). */
    static boolean decayed(NDArray p) {
        return p.getShape().dimension() == 2;
    }

    NDArray embedTokens() {
        return byName.get(OptTensorNames.EMBED_TOKENS);
    }

    NDArray embedPositions() {
        return byName.get(OptTensorNames.EMBED_POSITIONS);
    }

    NDArray finalNormWeight() {
        return byName.get(OptTensorNames.FINAL_NORM_WEIGHT);
    }

    NDArray finalNormBias() {
        return byName.get(OptTensorNames.FINAL_NORM_BIAS);
    }

    Layer layer(int i) {
        return layers[i];
    }

    /** The parameters copied to the host as float32 tensors under their HF names. */
    Map<String, Tensor> download() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        byName.forEach((name, a) -> out.put(name, new Tensor(a.getShape().getShape(),
                a.toType(DataType.FLOAT32, false).toFloatArray())));
        return out;
    }

    /** Copies on the device, detached from autograd, owned by {@code manager}. */
    List<NDArray> copies(NDManager manager) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray p : byName.values()) {
            NDArray c = p.stopGradient().duplicate();
            c.attach(manager);
            out.add(c);
        }
        return out;
    }

    /** Overwrites every parameter in place with {@code values} (same order as {@link #all()}), on the device. */
    void assign(List<NDArray> values) {
        int i = 0;
        for (NDArray p : byName.values()) {
            p.set(new NDIndex("..."), values.get(i++));
        }
    }

    private Layer layerOf(int i) {
        return new Layer(get(i, "self_attn.q_proj.weight"), get(i, "self_attn.q_proj.bias"),
                get(i, "self_attn.k_proj.weight"), get(i, "self_attn.k_proj.bias"),
                get(i, "self_attn.v_proj.weight"), get(i, "self_attn.v_proj.bias"),
                get(i, "self_attn.out_proj.weight"), get(i, "self_attn.out_proj.bias"),
                get(i, "self_attn_layer_norm.weight"), get(i, "self_attn_layer_norm.bias"),
                get(i, "fc1.weight"), get(i, "fc1.bias"), get(i, "fc2.weight"), get(i, "fc2.bias"),
                get(i, "final_layer_norm.weight"), get(i, "final_layer_norm.bias"));
    }

    private NDArray get(int layer, String suffix) {
        return byName.get(OptTensorNames.layer(layer, suffix));
    }
}
