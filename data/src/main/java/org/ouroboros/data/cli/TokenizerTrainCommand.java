package org.ouroboros.data.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ouroboros.cli.DataDirOption;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.data.corpus.Corpora;
import org.ouroboros.data.corpus.Corpus;
import org.ouroboros.data.corpus.Genres;
import org.ouroboros.data.corpus.Document;
import org.ouroboros.data.corpus.Split;
import org.ouroboros.data.tokenize.BpeEncoder;
import org.ouroboros.data.tokenize.BpeModel;
import org.ouroboros.data.tokenize.BpeTrainer;
import org.ouroboros.data.tokenize.HfTokenizer;
import org.ouroboros.data.tokenize.TokenizerJson;
import org.ouroboros.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ouro tokenizer train}: a byte-level BPE learned on a corpus's training split, written as a
 * HuggingFace tokenizer directory and checked by loading it back through HF tokenizers (DJL).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a byte-level BPE on a corpus's training split and write tokenizer.json.")
public final class TokenizerTrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", required = true, paramLabel = "CORPUS", description = "brown or a corpus directory.")
    String corpus;

    @Option(names = "--genres", paramLabel = "G[,G...]", description = "Only these genres (names, or Brown's "
            + "halves informative / imaginative); default all.")
    String genres;

    @Option(names = "--vocab-size", defaultValue = "4096", description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocabSize;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write.")
    Path out;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the Brown split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    /** What was trained and how it checked out. */
    public record Result(Path out, int vocabSize, int merges, double trainSeconds, long trainWords,
                         double validTokensPerWord, boolean hfMatchesReference, boolean roundTrips,
                         String tokenizerSha256) {
    }

    @Override
    public Integer call() {
        Result r = train();
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Json.print(pw, r);
            return ExitCode.OK;
        }
        pw.printf(Locale.ROOT, "trained a %d-token byte-level BPE (%d merges) on %,d words in %.1f s%n",
                r.vocabSize(), r.merges(), r.trainWords(), r.trainSeconds());
        pw.printf(Locale.ROOT, "  valid split: %.3f tokens per word; HF tokenizers agree with our encoder: %s%n",
                r.validTokensPerWord(), r.hfMatchesReference() ? "yes" : "NO");
        pw.printf(Locale.ROOT, "  wrote %s%n", r.out().resolve(TokenizerJson.FILE));
        pw.flush();
        return ExitCode.OK;
    }

    /** Trains, writes and verifies. */
    public Result train() {
        checkTarget(out);
        Corpus c = Genres.select(Corpora.load(corpus, dataDir.resolve(), seed), Genres.parse(genres), "--genres");
        List<String> texts = c.split(Split.TRAIN).stream().map(Document::text).toList();
        long words = c.split(Split.TRAIN).stream().mapToLong(Document::wordCount).sum();
        long t0 = System.nanoTime();
        BpeModel model = BpeTrainer.train(texts, vocabSize);
        double seconds = (System.nanoTime() - t0) / 1e9;
        AtomicFiles.writeDirectory(out, dir -> TokenizerJson.write(model, dir));
        List<Document> valid = c.split(Split.VALID);
        try (HfTokenizer hf = HfTokenizer.load(out)) {
            List<String> validTexts = valid.stream().map(Document::text).toList();
            List<int[]> ids = hf.encodeAll(validTexts);
            long tokens = ids.stream().mapToLong(a -> a.length).sum();
            long validWords = valid.stream().mapToLong(Document::wordCount).sum();
            BpeEncoder reference = new BpeEncoder(model);
            boolean agree = true;
            boolean roundTrips = true;
            for (int i = 0; i < Math.min(20, validTexts.size()); i++) {
                agree &= Arrays.equals(ids.get(i), reference.encode(validTexts.get(i)));
                roundTrips &= hf.decode(ids.get(i)).equals(validTexts.get(i));
            }
            if (!agree || !roundTrips) {
                throw new IllegalStateException("the written tokenizer does not behave as trained (HF ids agree: "
                        + agree + ", round trip: " + roundTrips + ")");
            }
            return new Result(out.toAbsolutePath(), model.size(), model.merges().size(), seconds, words,
                    (double) tokens / Math.max(1, validWords), agree, roundTrips, hf.tokenizerHash());
        }
    }

    /** Refuses to replace a non-empty directory that is not a tokenizer directory. */
    private static void checkTarget(Path dir) {
        if (Files.isRegularFile(dir)) {
            throw new BadInputException("--out " + dir + " is a file; give a directory");
        }
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(TokenizerJson.FILE))) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new BadInputException("--out " + dir + " is a non-empty directory without tokenizer.json; "
                            + "choose an empty or new directory");
                }
            } catch (IOException e) {
                throw new BadInputException("cannot read " + dir + ": " + e.getMessage());
            }
        }
    }
}
