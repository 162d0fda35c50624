package org.ouroboros.trainer.engine;

import java.util.Map;
import org.ouroboros.trainer.checkpoint.Tensor;

/**
 * A compute engine on one device: makes {@link LanguageModel}s there. An engine object is cheap and
 * stateless beyond its device; models own their memory.
 */
public interface Engine {
    /** {@code "nd4j"} or {@code "pytorch"}: the name {@code --engine} and provenance use. */
    String name();

    /** Where models live: {@code "cpu"}, {@code "cuda:0"}, ... */
    String device();

    /**
     * The runtime underneath, for provenance and {@code bench --json}, e.g.
     * {@code "ND4J 1.0.0-M2.1 CPU, OpenBLAS /usr/lib/.../libopenblas.so.0"} or {@code "libtorch 2.5.1 cpu"}.
     */
    String runtime();

    /**
     * A new model with HuggingFace's OPT initialisation drawn from {@code seed}: weights and embeddings
     * ~ N(0, 0.02), biases 0, LayerNorm scale 1 and shift 0. Engines draw the values in Java from
     * {@code seed} in the same order (the order of {@code OptTensorNames.layout}), so the same seed gives the same float32
     * weights on every engine and device.
     */
    LanguageModel initialize(OptConfig config, long seed);

    /**
     * A model holding {@code tensors}: float32, row-major, keyed by HF name without the {@code model.}
     * prefix or with it (see {@code OptTensorNames.canonical}); every tensor of {@code config}'s layout must be
     * present with its HF shape. The engine copies the values; the caller may drop the map afterwards.
     */
    LanguageModel fromTensors(OptConfig config, Map<String, Tensor> tensors);
}
