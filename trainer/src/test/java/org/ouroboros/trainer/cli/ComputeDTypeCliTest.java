package org.ouroboros.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.Cli;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.data.tokenize.BpeTrainer;
import org.ouroboros.data.tokenize.TokenizerJson;

/** {@code train --compute-dtype}: bf16 trains on the PyTorch engine and is refused, before training, on ND4J. */
class ComputeDTypeCliTest {
    @TempDir
    Path tmp;
    private Path corpus;
    private Path tokenizer;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void corpus() throws Exception {
        corpus = Files.createDirectories(tmp.resolve("corpus"));
        String para = "the cat sat on the mat and the dog sat on the log. ";
        Files.writeString(corpus.resolve("train.txt"), (para.repeat(8) + "\n\n").repeat(6));
        Files.writeString(corpus.resolve("valid.txt"), para.repeat(6));
        Files.writeString(corpus.resolve("test.txt"), para.repeat(6));
        tokenizer = tmp.resolve("tok");
        TokenizerJson.write(BpeTrainer.train(List.of(para.repeat(10)), 300), tokenizer);
    }

    @Test
    void bf16TrainsOnPyTorchAndIsRecorded() throws Exception {
        Path model = tmp.resolve("model");
        assertEquals(ExitCode.OK, run("--engine", "pytorch", "--compute-dtype", "bf16", "--out", model.toString()),
                err.toString());
        JsonNode trained = Json.MAPPER.readTree(out.toString());
        assertTrue(trained.get("best_valid_perplexity").asDouble() < 60, "a repetitive corpus is easy: " + trained);
        JsonNode provenance = Json.MAPPER.readTree(model.resolve("provenance.json").toFile());
        assertEquals("bf16", provenance.path("extra").path("compute_dtype").asText(), provenance.toString());
        JsonNode config = Json.MAPPER.readTree(model.resolve("config.json").toFile());
        assertEquals("float32", config.get("torch_dtype").asText(), "the checkpoint keeps --dtype's f32");
    }

    @Test
    void bf16IsRefusedOnNd4jAndBadValuesAreNamed() {
        Path model = tmp.resolve("nd4j");
        assertEquals(ExitCode.BAD_INPUT, run("--engine", "nd4j", "--compute-dtype", "bf16", "--out", model.toString()));
        List<String> lines = err.toString().strip().lines().toList();
        assertEquals("error: --compute-dtype bf16 needs --engine pytorch: the nd4j engine computes in float32 only",
                lines.get(lines.size() - 1), err.toString());
        assertFalse(Files.exists(model), "nothing written");
        assertEquals(ExitCode.BAD_INPUT, run("--engine", "pytorch", "--compute-dtype", "fp8", "--out",
                model.toString()));
        assertEquals("error: --compute-dtype must be f32 or bf16, got 'fp8'", err.toString().strip());
    }

    private int run(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--data", corpus.toString(), "--data-dir",
                tmp.resolve("data").toString(), "--tokenizer", tokenizer.toString(), "--model-config", "tiny",
                "--epochs", "2", "--batch-size", "8", "--block-size", "16", "--lr", "3e-3", "--warmup-steps", "3",
                "--json"));
        args.addAll(List.of(extra));
        out = new StringWriter();
        err = new StringWriter();
        return Cli.commandLine(new TrainCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args.toArray(String[]::new));
    }
}
