package org.ouroboros.trainer.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ouroboros.trainer.checkpoint.Tensor;
import org.ouroboros.trainer.checkpoint.OptTensorNames;
import org.ouroboros.trainer.checkpoint.TensorSpec;
import org.ouroboros.trainer.model.*;

class ScratchTest {
    @Test
    void logits() {
        OptConfig cfg = TinyModels.config();
        Map<String, float[]> w = TinyModels.randomWeights(cfg, 3);
        OptModel nd = TinyModels.model(cfg, 3, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (TensorSpec s : OptTensorNames.layout(cfg)) t.put(s.name(), new Tensor(s.shape(), w.get(s.name())));
        long start = System.nanoTime();
        NDManager m = LibTorch.engine().newBaseManager();
        System.out.println("load " + (System.nanoTime() - start) / 1e6 + " ms " + LibTorch.version() + " " + LibTorch.libraryDir());
        TorchWeights tw = TorchWeights.upload(cfg, t, m, true);
        TorchOpt opt = new TorchOpt(tw, Precision.FLOAT32);
        int[][] rows = {{1, 5, 7, 9, 3, 2}, {1, 4, 4, 8, 30, 31}};
        float[] ref = nd.logits(rows).data().asFloat();
        try (NDScope scope = new NDScope()) {
            NDArray ids = m.create(new long[] {1, 5, 7, 9, 3, 2, 1, 4, 4, 8, 30, 31}, new Shape(2, 6));
            float[] got = opt.logits(ids, null).toFloatArray();
            double maxRel = 0;
            for (int i = 0; i < ref.length; i++) maxRel = Math.max(maxRel, Math.abs(ref[i] - got[i]) / (Math.abs(ref[i]) + 1e-6));
            System.out.println("max rel " + maxRel + " n=" + ref.length + " " + got.length);
            // incremental
            TorchKvCache cache = new TorchKvCache(cfg, m, 2, 10);
            NDArray a = opt.logits(m.create(new long[] {1, 5, 7, 1, 4, 4}, new Shape(2, 3)), cache);
            NDArray b = opt.logits(m.create(new long[] {9, 8}, new Shape(2, 1)), cache);
            float[] bb = b.toFloatArray();
            System.out.println("inc " + bb[0] + " vs " + ref[3 * 32] + " / " + bb[32] + " vs " + ref[(6 + 3) * 32]);
            try (GradientCollector gc = LibTorch.engine().newGradientCollector()) {
                NDArray lg = opt.logits(ids, null);
                NDArray s = lg.sum();
                gc.backward(s);
            }
            System.out.println(tw.embedTokens().getGradient().getShape());
        }
    }
}
