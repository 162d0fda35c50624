package org.ouroboros.trainer.checkpoint;

import org.ouroboros.io.Hashing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.trainer.engine.OptConfig;

class CheckpointTest {
    static final OptConfig TINY = new OptConfig(32, 8, 2, 2, 16, 16, 1, 1, 0);

    @TempDir
    Path tmp;

    /** Random parameters for {@code config} under canonical names. */
    static Map<String, Tensor> randomParameters(OptConfig config, long seed) {
        Random random = new Random(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (TensorSpec spec : OptTensorNames.layout(config)) {
            Tensor t = Tensor.zeros(spec.shape());
            for (int i = 0; i < t.size(); i++) {
                t.data()[i] = (float) random.nextGaussian();
            }
            tensors.put(spec.name(), t);
        }
        return tensors;
    }

    private Path tokenizerDir() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("tok"));
        Files.writeString(dir.resolve("tokenizer.json"), "{\"version\":\"1.0\",\"model\":{\"type\":\"BPE\"}}");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\":16}");
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"eos_token\":\"</s>\"}");
        return dir;
    }

    private static Provenance provenance() {
        return new Provenance(17, Hashing.sha256Hex("seed: 17"), "abc123", "17", "1.0.0-M2.1", "CPU",
                List.of(DataManifestEntry.ofHash("brown", Hashing.sha256Hex("brown"), 10, 640)),
                List.of("ouro", "train"), "2025-01-31T12:00:00Z", Map.of("generation", 0));
    }

    @Test
    void saveThenLoadGivesBackEverything() throws IOException {
        Map<String, Tensor> tensors = randomParameters(TINY, 1);
        Path model = tmp.resolve("model");
        Checkpoint.save(model, TINY, tensors, tokenizerDir(), provenance(), DType.F32);

        try (Stream<Path> files = Files.list(model)) {
            assertEquals(List.of("config.json", "generation_config.json", "model.safetensors", "provenance.json",
                    "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        LoadedCheckpoint loaded = Checkpoint.load(model);
        assertEquals(TINY, loaded.config());
        assertEquals(tensors, loaded.tensors());
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(loaded.tensors().keySet()), "canonical order");
        assertEquals(model.resolve("tokenizer.json"), loaded.tokenizerFile());
        assertEquals(Files.readString(tmp.resolve("tok/tokenizer.json")), Files.readString(loaded.tokenizerFile()));
        assertEquals(provenance(), loaded.provenance());
        assertEquals(tensors.get(OptTensorNames.layer(1, "fc2.weight")), loaded.tensor("decoder.layers.1.fc2.weight"));

        SafetensorsHeader header = Safetensors.readHeader(model.resolve("model.safetensors"));
        assertEquals(Map.of("format", "pt"), header.metadata());
        assertEquals(OptTensorNames.layout(TINY), header.tensors().stream().map(TensorEntry::spec).toList());
        JsonNode generation = Json.MAPPER.readTree(Files.readString(model.resolve("generation_config.json")));
        assertEquals(1, generation.get("eos_token_id").intValue());
        assertEquals(0, generation.get("pad_token_id").intValue());
    }

    @Test
    void halfPrecisionCheckpointHoldsRoundedValuesAndSaysSoInConfig() throws IOException {
        Map<String, Tensor> tensors = randomParameters(TINY, 2);
        Path model = tmp.resolve("model");
        Checkpoint.save(model, TINY, tensors, null, null, DType.F16);
        LoadedCheckpoint loaded = Checkpoint.load(model);
        Tensor original = tensors.get(OptTensorNames.EMBED_TOKENS);
        Tensor read = loaded.tensors().get(OptTensorNames.EMBED_TOKENS);
        for (int i = 0; i < original.size(); i++) {
            assertEquals(HalfFloats.f16ToFloat(HalfFloats.floatToF16(original.data()[i])), read.data()[i]);
        }
        assertNull(loaded.tokenizerFile());
        assertNull(loaded.provenance());
        assertTrue(Files.readString(model.resolve("config.json")).contains("\"float16\""));
        assertEquals(DType.F16, Safetensors.readHeader(model.resolve("model.safetensors")).tensors().get(0).dtype());
    }

    /** Writes config.json and a safetensors file with exactly the given tensors, as another tool might. */
    private Path handMadeCheckpoint(Map<String, Tensor> tensors) {
        Path model = tmp.resolve("hand-" + tensors.hashCode());
        OptCheckpointConfig.write(model.resolve("config.json"), TINY, DType.F32);
        Safetensors.write(model.resolve("model.safetensors"), tensors, Map.of("format", "pt"), DType.F32);
        return model;
    }

    @Test
    void namesWithoutModelPrefixAndATiedLmHeadLoad() {
        Map<String, Tensor> canonical = randomParameters(TINY, 3);
        Map<String, Tensor> bare = new TreeMap<>(); // OPTModel-style names, in another order
        canonical.forEach((name, t) -> bare.put(name.substring("model.".length()), t));
        bare.put("lm_head.weight", canonical.get(OptTensorNames.EMBED_TOKENS));

        LoadedCheckpoint loaded = Checkpoint.load(handMadeCheckpoint(bare));
        assertEquals(canonical, loaded.tensors());
        assertEquals(List.copyOf(canonical.keySet()), List.copyOf(loaded.tensors().keySet()));
    }

    private BadInputException loadFails(Map<String, Tensor> tensors) {
        Path model = handMadeCheckpoint(tensors);
        return assertThrows(BadInputException.class, () -> Checkpoint.load(model));
    }

    @Test
    void lmHeadOfTheWrongShapeIsRejected() {
        Map<String, Tensor> tensors = randomParameters(TINY, 4);
        tensors.put("lm_head.weight", Tensor.zeros(31, 8));
        assertTrue(loadFails(tensors).getMessage()
                .contains("lm_head.weight: expected [32, 8] for this config, got [31, 8]"));
    }

    @Test
    void missingTensorsAreCountedAndTheFirstFiveListed() {
        Map<String, Tensor> tensors = randomParameters(TINY, 5);
        tensors.keySet().removeIf(n -> n.contains("layers.1.") && n.contains("self_attn."));
        String message = loadFails(tensors).getMessage();
        assertTrue(message.contains("model.safetensors: missing 8 of 36 tensors this config needs: "
                + "model.decoder.layers.1.self_attn.q_proj.weight, model.decoder.layers.1.self_attn.q_proj.bias"),
                message);
        assertTrue(message.contains(" and 3 more"), message);
    }

    @Test
    void wrongShapeNamesTensorExpectedAndGot() {
        Map<String, Tensor> tensors = randomParameters(TINY, 6);
        tensors.put(OptTensorNames.layer(0, "fc1.weight"), Tensor.zeros(12, 8));
        String message = loadFails(tensors).getMessage();
        assertTrue(message.contains("model.decoder.layers.0.fc1.weight: expected [16, 8] for this config, got [12, 8]"),
                message);

        tensors.put(OptTensorNames.layer(0, "fc1.weight"), Tensor.zeros(8, 16));
        assertTrue(loadFails(tensors).getMessage()
                .contains("got [8, 16] (transposed? linear weights are stored [out, in]"));
    }

    @Test
    void unexpectedTensorsAreListed() {
        Map<String, Tensor> tensors = randomParameters(TINY, 7);
        tensors.put("model.decoder.project_in.weight", Tensor.zeros(8, 4));
        tensors.put("model.decoder.layers.2.fc1.weight", Tensor.zeros(16, 8));
        assertTrue(loadFails(tensors).getMessage().contains("holds 2 unexpected tensor(s) an OPT decoder with this "
                + "config does not have: model.decoder.layers.2.fc1.weight, model.decoder.project_in.weight"));
    }

    @Test
    void theSameTensorUnderBothSpellingsIsRejected() {
        Map<String, Tensor> tensors = randomParameters(TINY, 8);
        tensors.put("decoder.final_layer_norm.bias", Tensor.zeros(8));
        assertTrue(loadFails(tensors).getMessage().contains(
                "holds model.decoder.final_layer_norm.bias twice, with and without the 'model.' prefix"));
    }

    @Test
    void nonFiniteWeightsAreRejectedAtLoadNamingTheTensor() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            Path model = tmp.resolve("nonfinite-" + bad);
            Map<String, Tensor> tensors = randomParameters(TINY, 15);
            Tensor t = tensors.get("model.decoder.layers.1.fc1.bias");
            t.data()[3] = bad;
            t.data()[5] = Float.NEGATIVE_INFINITY;
            Checkpoint.save(model, TINY, tensors, null, null, DType.F32);
            BadInputException e = assertThrows(BadInputException.class, () -> Checkpoint.load(model));
            assertEquals(model.resolve("model.safetensors") + ": tensor 'model.decoder.layers.1.fc1.bias' holds 2"
                    + " non-finite values (the first, " + bad + ", at index 3 of " + t.data().length + "); expected"
                    + " finite weights: the checkpoint is damaged or was saved from a diverged training run",
                    e.getMessage());
        }
    }

    @Test
    void configThatDisagreesWithTheWeightsIsCaught() throws IOException {
        Path model = tmp.resolve("model");
        Checkpoint.save(model, TINY, randomParameters(TINY, 9), null, null, DType.F32);
        OptCheckpointConfig.write(model.resolve("config.json"), TINY.withMaxPositions(32), DType.F32);
        BadInputException e = assertThrows(BadInputException.class, () -> Checkpoint.load(model));
        assertTrue(e.getMessage().contains("model.decoder.embed_positions.weight: expected [34, 8] for this config, "
                + "got [18, 8]"), e.getMessage());
    }

    @Test
    void directoriesWithoutOurFilesGetClearErrors() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("hf-bin"));
        Files.writeString(bin.resolve("config.json"), OptCheckpointConfigTest.OPT_125M);
        Files.write(bin.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        assertEquals(bin + ": holds pytorch_model.bin only; we never unpickle .bin files: convert it to safetensors"
                + " (for example with the safetensors 'convert' script or `model.save_pretrained(dir,"
                + " safe_serialization=True)` in transformers)",
                assertThrows(BadInputException.class, () -> Checkpoint.load(bin)).getMessage());

        Path noConfig = Files.createDirectories(tmp.resolve("no-config"));
        Safetensors.write(noConfig.resolve("model.safetensors"), randomParameters(TINY, 0), Map.of(), DType.F32);
        assertTrue(assertThrows(BadInputException.class, () -> Checkpoint.load(noConfig)).getMessage()
                .contains("has model.safetensors but no config.json"));

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertTrue(assertThrows(BadInputException.class, () -> Checkpoint.load(empty)).getMessage()
                .contains("has no model.safetensors"));
        assertEquals(tmp.resolve("absent") + ": no such checkpoint directory",
                assertThrows(BadInputException.class, () -> Checkpoint.load(tmp.resolve("absent"))).getMessage());
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertTrue(assertThrows(BadInputException.class, () -> Checkpoint.load(file)).getMessage()
                .contains("expected a model directory"));
    }

    @Test
    void savingRejectsBadNamesBeforeWritingAnything() {
        Map<String, Tensor> tensors = randomParameters(TINY, 10);
        tensors.remove(OptTensorNames.FINAL_NORM_BIAS);
        Path model = tmp.resolve("model");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Checkpoint.save(model, TINY, tensors, null, null, DType.F32));
        assertTrue(e.getMessage().startsWith("tensors to save: missing 1 of 36 tensors"), e.getMessage());
        assertFalse(Files.exists(model));
        assertTrue(assertThrows(BadInputException.class, () -> Checkpoint.save(model, TINY,
                randomParameters(TINY, 10), tmp.resolve("no-tokenizer"), null, DType.F32))
                .getMessage().contains("expected a tokenizer.json file or a directory holding one"));
    }

    @Test
    void resavingIntoTheSameDirectoryCanReuseItsOwnTokenizer() throws IOException {
        Path model = tmp.resolve("model");
        Checkpoint.save(model, TINY, randomParameters(TINY, 11), tokenizerDir(), null, DType.F32);
        LoadedCheckpoint first = Checkpoint.load(model);
        Map<String, Tensor> next = randomParameters(TINY, 12);
        Checkpoint.save(model, TINY, next, first.tokenizerFile(), null, DType.BF16);

        LoadedCheckpoint second = Checkpoint.load(model);
        assertEquals(Files.readString(tmp.resolve("tok/tokenizer.json")), Files.readString(second.tokenizerFile()));
        assertTrue(Files.exists(model.resolve("special_tokens_map.json")));
        assertArrayEquals(new float[] {HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(
                next.get(OptTensorNames.FINAL_NORM_BIAS).data()[0]))},
                new float[] {second.tensors().get(OptTensorNames.FINAL_NORM_BIAS).data()[0]});
    }

    @Test
    void saveRefusesToReplaceAFileOrADirectoryOfOtherThings() throws IOException {
        Map<String, Tensor> tensors = randomParameters(TINY, 13);
        Path file = Files.writeString(tmp.resolve("notes.txt"), "keep me");
        assertTrue(assertThrows(BadInputException.class, () -> Checkpoint.save(file, TINY, tensors, null, null,
                DType.F32)).getMessage().contains("is a file"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("thesis.tex"), "keep me");
        assertTrue(assertThrows(BadInputException.class, () -> Checkpoint.save(home, TINY, tensors, null, null,
                DType.F32)).getMessage().contains("exists and is not a checkpoint"));
        assertEquals("keep me", Files.readString(home.resolve("thesis.tex")));
        assertEquals("keep me", Files.readString(file));

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Checkpoint.save(empty, TINY, tensors, null, null, DType.F32);
        assertEquals(tensors, Checkpoint.load(empty).tensors());
    }

    @Test
    void aTokenizerFileUnderAnotherNameIsCopiedAsTokenizerJson() throws IOException {
        Path bpe = Files.writeString(Files.createDirectories(tmp.resolve("bpe")).resolve("bpe-4096.json"), "{\"v\":1}");
        Files.writeString(bpe.resolveSibling("special_tokens_map.json"), "{}");
        Path model = tmp.resolve("model");
        Checkpoint.save(model, TINY, randomParameters(TINY, 14), bpe, null, DType.F32);
        assertEquals("{\"v\":1}", Files.readString(Checkpoint.load(model).tokenizerFile()));
        assertFalse(Files.exists(model.resolve("special_tokens_map.json")), "side files only from a tokenizer dir");
    }
}
