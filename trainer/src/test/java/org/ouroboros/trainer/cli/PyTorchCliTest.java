package org.ouroboros.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.Cli;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.data.tokenize.BpeModel;
import org.ouroboros.data.tokenize.BpeTrainer;
import org.ouroboros.data.tokenize.TokenizerJson;

/** train -> eval -> sample (every strategy) through the picocli commands with {@code --engine pytorch}. */
class PyTorchCliTest {
    @TempDir
    Path tmp;
    private StringWriter out;
    private StringWriter err;

    @Test
    void trainEvalAndSampleRunOnThePyTorchEngine() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        String para = "the cat sat on the mat and the dog sat on the log. ";
        Files.writeString(corpus.resolve("train.txt"), (para.repeat(8) + "\n\n").repeat(6));
        Files.writeString(corpus.resolve("valid.txt"), para.repeat(6));
        Files.writeString(corpus.resolve("test.txt"), para.repeat(6));
        BpeModel bpe = BpeTrainer.train(List.of(para.repeat(10)), 300);
        Path tokenizer = tmp.resolve("tok");
        TokenizerJson.write(bpe, tokenizer);
        Path model = tmp.resolve("model");
        assertEquals(ExitCode.OK, run(new TrainCommand(), "--engine", "pytorch", "--data", corpus.toString(),
                "--data-dir", tmp.resolve("data").toString(), "--tokenizer", tokenizer.toString(), "--model-config",
                "tiny", "--out", model.toString(), "--epochs", "2", "--batch-size", "8", "--block-size", "16",
                "--lr", "3e-3", "--warmup-steps", "3", "--json"), err.toString());
        assertTrue(err.toString().startsWith("engine pytorch on cpu: "), err.toString());
        JsonNode trained = Json.MAPPER.readTree(out.toString());
        assertTrue(trained.get("best_valid_perplexity").asDouble() < 60, "a repetitive corpus is easy: " + trained);
        JsonNode provenance = Json.MAPPER.readTree(model.resolve("provenance.json").toFile());
        assertEquals("pytorch", provenance.path("extra").path("engine").asText(), provenance.toString());

        Path ids = Files.writeString(tmp.resolve("ids.json"), "[1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]");
        double[] perplexity = new double[2];
        String[] engines = {"pytorch", "nd4j"};
        for (int e = 0; e < 2; e++) {
            assertEquals(ExitCode.OK, run(new EvalCommand(), "--engine", engines[e], "--model", model.toString(),
                    "--tokens", ids.toString(), "--block-size", "4", "--json"), err.toString());
            perplexity[e] = Json.MAPPER.readTree(out.toString()).get("perplexity").asDouble();
        }
        assertEquals(perplexity[1], perplexity[0], 1e-4 * perplexity[1], "both engines score the checkpoint alike");

        for (String strategy : List.of("beam", "greedy", "sample")) {
            String[] continuation = new String[2];
            for (int e = 0; e < 2; e++) {
                assertEquals(ExitCode.OK, run(new SampleCommand(), "--engine", engines[e], "--model", model.toString(),
                        "--prompt", "the cat", "--max-new-tokens", "6", "--min-new-tokens", "6", "--strategy",
                        strategy, "--beams", "3", "--json"), err.toString());
                JsonNode r = Json.MAPPER.readTree(out.toString());
                assertEquals(6, r.get("tokens").get(0).size(), strategy + ": " + r);
                continuation[e] = r.get("tokens").toString();
            }
            if (!strategy.equals("sample")) {
                assertEquals(continuation[1], continuation[0], strategy + " decodes the same on both engines");
            }
        }
    }

    private int run(Object command, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.commandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }
}
