package org.ouroboros.trainer.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.List;

/**
 * The two pulls towards a base model (the {@code training.anchor} mitigation) on the PyTorch engine, in
 * libtorch ops on the model's device: each anchor term is built with autograd and its gradient ADDED to the
 * parameters' gradients; the base's weights and predictions are detached, so the base is never changed and
 * gets no gradient. Only the terms' values come back to the host. The caller runs these inside an
 * {@code NDScope}.
 */
final class TorchAnchors {
    private TorchAnchors() {
    }

    /**
     * L2-SP: adds the gradient of {@code weight/2 * sum ||theta - theta_base||^2} ({@code weight (theta -
     * theta_base)}) and returns the squared distance. {@code theta} and {@code base} in the same order.
     */
    static double l2Pull(List<NDArray> theta, List<NDArray> base, double weight) {
        try (GradientCollector collector = LibTorch.engine().newGradientCollector()) {
            NDList squares = new NDList(theta.size());
            for (int i = 0; i < theta.size(); i++) {
                squares.add(theta.get(i).sub(base.get(i).stopGradient()).square().sum());
            }
            NDArray distance = NDArrays.stack(squares).sum();
            collector.backward(distance.mul(TorchScalars.of(distance, weight / 2)));
            return toDouble(distance);
        }
    }

    /**
     * The KL anchor on ids {@code [B, T]}: adds the gradient of {@code scale * sum_t w_t KL(p_base,t || p_t)},
     * {@code w} the positions' weights {@code [B, T]}, and returns that weighted KL sum in nats. The base's
     * log-probabilities are computed first, outside the gradient collector, and detached.
     */
    static double klPull(TorchOpt model, TorchOpt base, NDArray ids, NDArray weights, double scale) {
        NDArray refLogp = base.logits(ids, null).stopGradient().logSoftmax(-1);          // [B, T, V]
        NDArray pRef = refLogp.exp();
        try (GradientCollector collector = LibTorch.engine().newGradientCollector()) {
            NDArray logp = model.logits(ids, null).logSoftmax(-1);
            NDArray kl = pRef.mul(refLogp.sub(logp)).sum(new int[] {-1});               // [B, T]
            NDArray sum = kl.mul(weights.toType(kl.getDataType(), false)).sum();
            collector.backward(sum.mul(TorchScalars.of(sum, scale)));
            return toDouble(sum);
        }
    }

    /** A scalar copied to the host, whatever its float type. */
    private static double toDouble(NDArray scalar) {
        return scalar.toType(DataType.FLOAT64, false).getDouble();
    }
}
