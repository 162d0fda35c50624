package org.ouroboros.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.Cli;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.data.tokenize.BpeModel;
import org.ouroboros.data.tokenize.BpeTrainer;
import org.ouroboros.data.tokenize.TokenizerJson;

/** train -> eval -> sample through the CLI on a small text corpus written here. */
class TrainerCliTest {
    @TempDir
    static Path tmp;
    static Path corpus;
    static Path tokenizer;
    static Path model;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void trainTinyModel() throws Exception {
        corpus = Files.createDirectories(tmp.resolve("corpus"));
        String para = "the cat sat on the mat and the dog sat on the log. ";
        Files.writeString(corpus.resolve("train.txt"), (para.repeat(8) + "\n\n").repeat(12));
        Files.writeString(corpus.resolve("valid.txt"), para.repeat(6));
        Files.writeString(corpus.resolve("test.txt"), para.repeat(6));
        BpeModel bpe = BpeTrainer.train(List.of(para.repeat(10)), 300);
        tokenizer = tmp.resolve("tok");
        TokenizerJson.write(bpe, tokenizer);
        model = tmp.resolve("model");
        TrainerCliTest t = new TrainerCliTest();
        int code = t.run(new TrainCommand(), "--data", corpus.toString(), "--data-dir", tmp.resolve("data").toString(),
                "--tokenizer", tokenizer.toString(), "--model-config", "tiny", "--out", model.toString(),
                "--epochs", "3", "--batch-size", "8", "--block-size", "16", "--lr", "3e-3", "--warmup-steps", "5",
                "--json");
        assertEquals(ExitCode.OK, code, t.err.toString());
        JsonNode r = Json.MAPPER.readTree(t.out.toString());
        assertEquals(3, r.get("epochs").size());
        assertTrue(r.get("best_valid_perplexity").asDouble() < 20, "a repetitive corpus is easy: " + r);
        double tokens = 3.0 * r.get("train_blocks").asInt() * 15;              // 3 epochs, 15 targets per block
        assertEquals(tokens / r.get("train_seconds").asDouble(), r.get("tokens_per_second").asDouble(), 1e-6 * tokens,
                "throughput counts the training steps' time: " + r);
        assertTrue(r.get("train_seconds").asDouble() < r.get("seconds").asDouble(), "wall time adds validation: " + r);
    }

    int run(Object command, String... args) {
        return Cli.commandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void trainingWroteAnHfCheckpointWithProvenance() {
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "provenance.json")) {
            assertTrue(Files.exists(model.resolve(f)), f);
        }
    }

    @Test
    void evalPrintsNllTokensAndPerplexity() throws Exception {
        Path ids = Files.writeString(tmp.resolve("ids.json"), "[1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]");
        assertEquals(ExitCode.OK, run(new EvalCommand(), "--model", model.toString(), "--tokens", ids.toString(),
                "--block-size", "4", "--json", "--per-sequence", tmp.resolve("seq.csv").toString()), err.toString());
        JsonNode r = Json.MAPPER.readTree(out.toString());
        assertEquals(10 - 2, r.get("tokens").asLong(), "blocks of 4, 4, 3: 3 + 3 + 2 predicted tokens");
        assertEquals(Math.exp(r.get("nll").asDouble() / 8), r.get("perplexity").asDouble(), 1e-9);
        assertEquals(4, Files.readAllLines(tmp.resolve("seq.csv")).size());
    }

    @Test
    void sampleReturnsTheRequestedNumberOfNewTokens() throws Exception {
        assertEquals(ExitCode.OK, run(new SampleCommand(), "--model", model.toString(), "--prompt", "the cat",
                "--max-new-tokens", "6", "--min-new-tokens", "6", "--strategy", "beam", "--beams", "3", "--json"),
                err.toString());
        JsonNode r = Json.MAPPER.readTree(out.toString());
        assertEquals(6, r.get("tokens").get(0).size());
        assertTrue(r.get("text").get(0).asText().length() > 0);
    }

    @Test
    void trainingOntoAnExistingCheckpointIsRefusedUnlessOverwrite() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("existing"));
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json")) {
            Files.copy(model.resolve(f), target.resolve(f));
        }
        byte[] before = Files.readAllBytes(target.resolve("model.safetensors"));
        String[] args = {"--data", corpus.toString(), "--data-dir", tmp.resolve("data").toString(), "--tokenizer",
            tokenizer.toString(), "--model-config", "tiny", "--out", target.toString(), "--epochs", "1",
            "--max-steps", "2", "--batch-size", "8", "--block-size", "16"};
        assertEquals(ExitCode.BAD_INPUT, run(new TrainCommand(), args));
        assertEquals("error: --out " + target + " already holds a checkpoint; pass --overwrite to replace it with this"
                + " training's best epoch, or choose another --out", err.toString().strip());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(target.resolve("model.safetensors"))),
                "the checkpoint is untouched");
        String[] overwrite = java.util.Arrays.copyOf(args, args.length + 1);
        overwrite[args.length] = "--overwrite";
        assertEquals(ExitCode.OK, run(new TrainCommand(), overwrite), err.toString());
        assertTrue(!java.util.Arrays.equals(before, Files.readAllBytes(target.resolve("model.safetensors"))),
                "--overwrite replaced it");
    }

    @Test
    void badInputIsExitTwoWithOneLine() throws Exception {
        assertEquals(ExitCode.BAD_INPUT, run(new EvalCommand(), "--model", tmp.resolve("none").toString(), "--tokens",
                "x.json"));
        Path bad = Files.writeString(tmp.resolve("bad.json"), "[1, 99999]");
        assertEquals(ExitCode.BAD_INPUT, run(new EvalCommand(), "--model", model.toString(), "--tokens", bad.toString()));
        assertTrue(err.toString().contains("token id 99999"), err.toString());
        assertEquals(ExitCode.BAD_INPUT, run(new SampleCommand(), "--model", model.toString(), "--max-new-tokens", "3"));
        assertEquals(ExitCode.BAD_INPUT, run(new TrainCommand(), "--data", corpus.toString(), "--out",
                tmp.resolve("x").toString()));
        assertTrue(err.toString().contains("no tokenizer"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack traces without --verbose");
    }

    @Test
    void theEngineIsSaidRecordedAndABadOneIsExitTwo() throws Exception {
        JsonNode provenance = Json.MAPPER.readTree(model.resolve("provenance.json").toFile());
        assertEquals("nd4j", provenance.path("extra").path("engine").asText(), provenance.toString());
        assertEquals("cpu", provenance.path("extra").path("device").asText());
        Path ids = Files.writeString(tmp.resolve("ids2.json"), "[1, 10, 11, 12]");
        assertEquals(ExitCode.OK, run(new EvalCommand(), "--engine", "nd4j", "--model", model.toString(),
                "--tokens", ids.toString(), "--json"), err.toString());
        assertTrue(err.toString().startsWith("engine nd4j on cpu: "), err.toString());
        assertEquals(ExitCode.BAD_INPUT, run(new EvalCommand(), "--engine", "tensorflow", "--model",
                model.toString(), "--tokens", ids.toString()));
        assertTrue(err.toString().contains("nd4j, pytorch or auto"), err.toString());
    }
}
