package org.ouroboros.data.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.Cli;
import org.ouroboros.cli.ExitCode;

class DataCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        return Cli.commandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        assertEquals(ExitCode.BAD_INPUT, run(new DataCommand(), "fetch", "brown", "--bogus"));
        assertTrue(err.toString().startsWith("error: Unknown option: '--bogus'"), err.toString());
        assertEquals(ExitCode.BAD_INPUT, run(new TokenizerCommand(), "train", "--corpus", "brown"));
        assertTrue(err.toString().contains("Missing required option: '--out=DIR'"), err.toString());
        assertEquals(ExitCode.BAD_INPUT, run(new DataCommand(), "fetch", "brown", "--split", "50,50"));
        assertTrue(err.toString().contains("three percentages"), err.toString());
        assertEquals(ExitCode.BAD_INPUT, run(new DataCommand(), "fetch", "wikitext"));
    }

    @Test
    void tokenizerTrainAndStatsOnATextCorpus(@TempDir Path tmp) throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("c"));
        String para = "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs.\n\n";
        Files.writeString(corpus.resolve("train.txt"), para.repeat(30));
        Files.writeString(corpus.resolve("valid.txt"), para.repeat(2));
        Files.writeString(corpus.resolve("test.txt"), para.repeat(2));
        Path tok = tmp.resolve("tok");
        assertEquals(ExitCode.OK, run(new TokenizerCommand(), "train", "--corpus", corpus.toString(),
                "--vocab-size", "300", "--out", tok.toString(), "--json"), err.toString());
        assertTrue(out.toString().contains("\"hf_matches_reference\":true"), out.toString());
        assertTrue(Files.exists(tok.resolve("tokenizer.json")));
        assertTrue(Files.exists(tok.resolve("tokenizer_config.json")));
        out.getBuffer().setLength(0);
        assertEquals(ExitCode.OK, run(new DataCommand(), "stats", "--corpus", corpus.toString(), "--tokenizer",
                tok.toString(), "--json"), err.toString());
        assertTrue(out.toString().contains("\"train\":{\"documents\":30,\"words\":510"), out.toString());

        Path notTokenizer = Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(notTokenizer.resolve("keep.txt"), "do not delete");
        assertEquals(ExitCode.BAD_INPUT, run(new TokenizerCommand(), "train", "--corpus", corpus.toString(),
                "--out", notTokenizer.toString()));
        assertTrue(Files.exists(notTokenizer.resolve("keep.txt")));
    }
}
