package org.ouroboros.trainer.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The matrix products of {@link TorchOpt}'s forward pass: {@code nn.Linear} and the batched products of
 * attention. Float32 tensors in and out whatever precision the products run in, so autograd, the weights and
 * everything between the products stay float32.
 */
interface TorchMatmuls {
    /** Float32 products. */
    TorchMatmuls FLOAT32 = new TorchMatmuls() {
        @Override
        public NDArray linear(NDArray x, NDArray weight, NDArray bias) {
            return JniUtils.linear((PtNDArray) x, (PtNDArray) weight, (PtNDArray) bias);     // one fused addmm
        }

        @Override
        public NDArray matMul(NDArray a, NDArray b) {
            return a.matMul(b);
        }
    };

    /** {@code nn.Linear}: {@code x W^T + b}, {@code bias} may be null. */
    NDArray linear(NDArray x, NDArray weight, NDArray bias);

    /** {@code torch.matmul(a, b)} (batched over the leading dimensions). */
    NDArray matMul(NDArray a, NDArray b);
}
