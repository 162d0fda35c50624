package org.ouroboros.trainer.engine;

import java.util.Map;
import org.ouroboros.trainer.checkpoint.Tensor;
import org.ouroboros.trainer.optim.AdamW;

/**
 * One {@code OPTForCausalLM} (pre-LayerNorm, ReLU, LM head tied to the token embedding) with its gradient
 * buffer and AdamW state, living on its engine's device. The trainer drives it step by step:
 * {@link #zeroGradients}, one {@link #forwardBackward} per micro-batch, {@link #clipGradients},
 * {@link #adamWStep}. Nothing here is seed-driven: the caller owns every random choice.
 *
 * <p>Not thread-safe: one caller at a time.
 */
public interface LanguageModel extends AutoCloseable {
    /** The model's shape. */
    OptConfig config();

    /** The engine that made this model (and whose device holds it). */
    Engine engine();

    /**
     * Forward and backward over {@code batch}; ADDS {@code gradScale * d(sum of weighted token NLLs)/d(params)}
     * to the gradients, so micro-batches accumulate (zero them between optimizer steps).
     *
     * @return the summed weighted NLL in nats and the summed weight
     */
    Loss forwardBackward(Batch batch, double gradScale);

    /** Sets every gradient to zero. */
    void zeroGradients();

    /**
     * The global L2 norm of the gradients, and when {@code maxNorm > 0} and the norm is finite the gradients
     * scaled by {@code maxNorm / (norm + 1e-6)} if that is below 1 ({@code torch.nn.utils.clip_grad_norm_}).
     *
     * @return the norm before clipping (may be NaN or infinite: the caller decides what that means)
     */
    double clipGradients(double maxNorm);

    /**
     * One AdamW update at {@code lr} as {@code torch.optim.AdamW} computes it (see {@link AdamW}): the step
     * count is incremented first, decay {@code p *= 1 - lr*wd} only on the matrices (embeddings and Linear
     * weights, not biases or LayerNorm), then {@code p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)}. The model
     * keeps m, v and the step count; {@link #resetOptimizer} starts them again.
     */
    void adamWStep(AdamW.Config config, double lr);

    /** Drops AdamW's moments and step count, as a freshly made {@code torch.optim.AdamW} would have them. */
    void resetOptimizer();

    /** Per-position NLL in nats of {@code batch} ({@code B*T} values, row-major, 0 where the weight is 0). No gradients. */
    double[] tokenNll(Batch batch);

    /** Entropy in nats of the next-token distribution at every position of equal-length rows ({@code B*T}, row-major). */
    double[] tokenEntropy(int[][] rows);

    /** Logits {@code [B*T][V]} of equal-length rows, copied to the host: for tests and small tools. */
    float[][] logits(int[][] rows);

    /**
     * The mean over each row's positions of the final hidden state (the output of the last LayerNorm, the last
     * of HF's {@code hidden_states}), for equal-length rows: {@code [B][hidden_size]}, copied to the host. The
     * text embedding MAUVE clusters (see {@code trainer.eval.HiddenStates} for ragged rows).
     */
    double[][] meanHiddenStates(int[][] rows);

    /**
     * The L2-SP anchor: ADDS {@code weight * (theta - theta_base)} to the gradients, on the device, and returns
     * {@code ||theta - theta_base||^2}. {@code base} is a model of the same engine, device and shape; it is only read.
     *
     * @throws IllegalArgumentException if {@code base} is on another engine or device, or has another shape
     */
    double addL2Pull(LanguageModel base, double weight);

    /**
     * The KL anchor: ADDS {@code scale * d/dtheta} of the weighted sum over {@code batch}'s positions of
     * {@code KL(p_base || p_theta)} to the gradients, {@code p_base} the base's next-token distribution on the
     * same batch (computed without gradients), and returns that weighted KL sum in nats. {@code base} is a
     * model of the same engine, device and shape; it is only read.
     *
     * @throws IllegalArgumentException if {@code base} is on another engine or device, or has another shape
     */
    double addKlPull(Batch batch, double scale, LanguageModel base);

    /**
     * An empty KV cache for {@code batch} sequences of up to {@code capacity} tokens on the device, decoding
     * with the weights as they are now (later optimizer steps do not reach an open decoder).
     *
     * @throws IllegalArgumentException if {@code capacity} exceeds the model's positions
     */
    Decoder newDecoder(int batch, int capacity);

    /** A copy of the current weights, kept on the device (best-validation checkpoints in memory). */
    Snapshot snapshot();

    /** Puts the weights of {@code snapshot} (taken from this model) back; gradients and AdamW state stay. */
    void restore(Snapshot snapshot);

    /**
     * The parameters as float32 host tensors under their canonical HF names (with the {@code model.} prefix,
     * in {@code OptTensorNames.layout} order; the tied LM head is not included). The map may be lazy (each
     * {@code get} copies one tensor off the device), so saving a large model needs little heap.
     */
    Map<String, Tensor> tensors();

    /**
     * {@code base} as {@code type}, the class of {@code model}: the base of an anchor must be a model of the
     * same engine, device and shape as the model it pulls.
     *
     * @throws IllegalArgumentException naming both engines and devices, or both shapes, otherwise
     */
    static <M extends LanguageModel> M sameKind(LanguageModel model, LanguageModel base, Class<M> type) {
        if (!type.isInstance(base) || !base.engine().device().equals(model.engine().device())) {
            throw new IllegalArgumentException("the anchor's base is a model of the " + base.engine().name()
                    + " engine on " + base.engine().device() + ", the trained model one of the "
                    + model.engine().name() + " engine on " + model.engine().device());
        }
        if (!base.config().equals(model.config())) {
            throw new IllegalArgumentException("the anchor's base has the shape " + base.config()
                    + ", the trained model " + model.config());
        }
        return type.cast(base);
    }

    /** Frees the device memory (weights, gradients, optimizer state, buffers); the model is unusable after. */
    @Override
    void close();
}
