package org.ouroboros.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.trainer.engine.OptConfig;

/**
 * Checkpoints at OPT-125m scale (125M parameters, 250 MB in F16), and a real facebook/opt-125m download
 * when {@code OURO_OPT125M_DIR} points at one. Opt-in: {@code mvn verify -Dtest.excludedGroups=}.
 */
@Tag("slow")
class Opt125mScaleTest {
    @TempDir
    Path tmp;

    @Test
    void opt125mShapedCheckpointSavesAndLoadsInHalfPrecision() throws Exception {
        OptConfig config = OptConfig.preset("opt-125m");
        SplittableRandom random = new SplittableRandom(1);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (TensorSpec spec : OptTensorNames.layout(config)) {
            Tensor t = Tensor.zeros(spec.shape());
            for (int i = 0; i < t.size(); i++) {
                t.data()[i] = (float) (random.nextDouble() - 0.5) * 0.04f;
            }
            tensors.put(spec.name(), t);
        }
        Path model = tmp.resolve("opt-125m");
        long t0 = System.nanoTime();
        Checkpoint.save(model, config, tensors, null, null, DType.F16);
        long t1 = System.nanoTime();
        LoadedCheckpoint loaded = Checkpoint.load(model);
        long t2 = System.nanoTime();
        System.out.printf("opt-125m F16: %,d params, file %,d bytes, save %.1f s, load %.1f s%n",
                config.parameterCount(), Files.size(model.resolve(Checkpoint.WEIGHTS)),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        assertEquals(config.parameterCount() * 2, Files.size(model.resolve(Checkpoint.WEIGHTS))
                - Safetensors.readHeader(model.resolve(Checkpoint.WEIGHTS)).dataStart());
        Tensor original = tensors.get(OptTensorNames.layer(11, "fc2.weight"));
        Tensor read = loaded.tensors().get(OptTensorNames.layer(11, "fc2.weight"));
        for (int i = 0; i < original.size(); i += 997) {
            assertEquals(HalfFloats.f16ToFloat(HalfFloats.floatToF16(original.data()[i])), read.data()[i]);
        }
    }

    @Test
    void realOpt125mDownloadLoads() {
        String dir = System.getenv("OURO_OPT125M_DIR");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "set OURO_OPT125M_DIR to a facebook/opt-125m dir");
        LoadedCheckpoint loaded = Checkpoint.load(Path.of(dir));
        assertEquals(OptConfig.preset("opt-125m"), loaded.config());
        assertEquals(OptTensorNames.layout(loaded.config()).size(), loaded.tensors().size());
    }
}
