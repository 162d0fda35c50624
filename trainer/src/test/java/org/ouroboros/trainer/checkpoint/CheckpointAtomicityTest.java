package org.ouroboros.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;

/** A save that fails part-way leaves the previous checkpoint exactly as it was, and no debris. */
class CheckpointAtomicityTest {
    @TempDir
    Path tmp;

    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSameFiles(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> list = Files.list(tmp)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path savedCheckpoint() throws IOException {
        Path model = tmp.resolve("model");
        Path tokenizer = Files.writeString(tmp.resolve("tokenizer.json"), "{\"model\":{}}");
        Checkpoint.save(model, CheckpointTest.TINY, CheckpointTest.randomParameters(CheckpointTest.TINY, 1),
                tokenizer, null, DType.F32);
        return model;
    }

    @Test
    void tensorOfTheWrongShapeHalfwayThroughLeavesTheOldCheckpointByteIdentical() throws IOException {
        Path model = savedCheckpoint();
        Map<String, byte[]> before = snapshot(model);
        List<String> siblingsBefore = siblings();

        Map<String, Tensor> next = CheckpointTest.randomParameters(CheckpointTest.TINY, 2);
        next.put(OptTensorNames.layer(1, "fc1.weight"), Tensor.zeros(8, 8)); // layer 0 is written by then
        BadInputException e = assertThrows(BadInputException.class, () -> Checkpoint.save(model,
                CheckpointTest.TINY, next, null, null, DType.F16));
        assertEquals("tensors to save: model.decoder.layers.1.fc1.weight: expected [16, 8] for this config, "
                + "got [8, 8]", e.getMessage());

        assertSameFiles(before, snapshot(model));
        assertEquals(siblingsBefore, siblings(), "no temporary directory left behind");
    }

    @Test
    void tensorSourceThatThrowsMidwayLeavesTheOldCheckpointByteIdentical() throws IOException {
        Path model = savedCheckpoint();
        Map<String, byte[]> before = snapshot(model);
        List<String> siblingsBefore = siblings();

        String failing = OptTensorNames.layer(1, "self_attn.v_proj.weight");
        Map<String, Tensor> next = new LinkedHashMap<>(CheckpointTest.randomParameters(CheckpointTest.TINY, 3)) {
            @Override
            public Tensor get(Object key) {
                if (failing.equals(key)) {
                    throw new UncheckedIOException(new IOException("device went away while copying " + key));
                }
                return super.get(key);
            }
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoint.save(model,
                CheckpointTest.TINY, next, null, null, DType.F32));
        assertEquals("device went away while copying " + failing, e.getCause().getMessage());

        assertSameFiles(before, snapshot(model));
        assertEquals(siblingsBefore, siblings(), "no temporary directory left behind");
    }

    /** The contract that lets a model hand over parameters lazily: one get per tensor, in layout order. */
    @Test
    void saveAsksForEachTensorOnceInCanonicalOrder() {
        List<String> asked = new ArrayList<>();
        Map<String, Tensor> source = new LinkedHashMap<>(CheckpointTest.randomParameters(CheckpointTest.TINY, 4)) {
            @Override
            public Tensor get(Object key) {
                asked.add((String) key);
                return super.get(key);
            }
        };
        Checkpoint.save(tmp.resolve("lazy"), CheckpointTest.TINY, source, null, null, DType.F32);
        assertEquals(OptTensorNames.layout(CheckpointTest.TINY).stream().map(TensorSpec::name).toList(), asked);
    }
}
