package org.ouroboros.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.engine.nd4j.OptModel;
import org.ouroboros.trainer.engine.nd4j.TinyModels;

class ModelCheckpointsTest {
    private static final OptConfig CFG = TinyModels.config();
    private static final int[][] IDS = {{1, 5, 9, 30, 2, 7}, {1, 3, 3, 3, 8, 31}};

    @Test
    void saveThenLoadGivesIdenticalLogits(@TempDir Path tmp) {
        OptModel model = TinyModels.model(CFG, 5, DataType.FLOAT);
        Path dir = tmp.resolve("ckpt");
        ModelCheckpoints.save(model, dir, null, null, DType.F32);
        ModelCheckpoints.Loaded loaded = ModelCheckpoints.load(dir);
        assertEquals(CFG, loaded.model().config());
        OptModel back = (OptModel) loaded.model();
        assertEquals(model.parameters().flat(), back.parameters().flat());
        assertEquals(model.logitsArray(IDS), back.logitsArray(IDS));
        assertNull(loaded.tokenizerFile());
    }

    @Test
    void aHalfPrecisionCheckpointLoadsAndGivesCloseLogits(@TempDir Path tmp) throws Exception {
        OptModel model = TinyModels.model(CFG, 6, DataType.FLOAT);
        Path dir = tmp.resolve("f16");
        ModelCheckpoints.save(model, dir, null, null, DType.F16);
        OptModel loaded = (OptModel) ModelCheckpoints.load(dir).model();
        INDArray a = model.logitsArray(IDS);
        INDArray b = loaded.logitsArray(IDS);
        double maxDiff = a.sub(b).amaxNumber().doubleValue();
        assertTrue(maxDiff > 0, "F16 rounding changes something");
        assertTrue(maxDiff < 0.05, "but little: " + maxDiff);
        assertTrue(Files.readString(dir.resolve("config.json")).contains("float16"));
    }

    @Test
    void aTruncatedCheckpointIsBadInputNamingTheFile(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ckpt");
        ModelCheckpoints.save(TinyModels.model(CFG, 7, DataType.FLOAT), dir, null, null, DType.F32);
        Path weights = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        BadInputException e = assertThrows(BadInputException.class, () -> ModelCheckpoints.load(dir));
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }
}
