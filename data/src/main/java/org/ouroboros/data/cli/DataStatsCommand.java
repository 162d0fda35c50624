package org.ouroboros.data.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.ouroboros.cli.DataDirOption;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.data.corpus.Corpora;
import org.ouroboros.data.corpus.Corpus;
import org.ouroboros.data.corpus.Document;
import org.ouroboros.data.corpus.Genres;
import org.ouroboros.data.corpus.Split;
import org.ouroboros.data.tokenize.HfTokenizer;
import org.ouroboros.data.tokenize.TextTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ouro data stats}: documents, words and (with a tokenizer) tokens per split and per category. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Documents, words and tokens per split and per genre.")
public final class DataStatsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", required = true, paramLabel = "CORPUS", description = "brown or a corpus directory.")
    String corpus;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the Brown split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--genres", paramLabel = "G[,G...]", description = "Only these genres (names, or Brown's "
            + "halves informative / imaginative); default all.")
    String genres;

    @Option(names = "--tokenizer", paramLabel = "DIR", description = "Also count tokens with this tokenizer.")
    Path tokenizer;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    /** Counts for one split or category; tokens are -1 without a tokenizer. */
    public record Counts(int documents, long words, long tokens) {
        Counts plus(Counts o) {
            return new Counts(documents + o.documents, words + o.words, tokens < 0 ? -1 : tokens + o.tokens);
        }
    }

    /** The whole result. */
    public record Stats(String corpus, Map<String, Counts> splits, Map<String, Counts> categories, Counts total) {
    }

    @Override
    public Integer call() {
        Stats s = stats();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, s);
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "%-18s %9s %12s %12s%n", s.corpus(), "documents", "words", "tokens");
        s.splits().forEach((k, c) -> print(out, k, c));
        print(out, "total", s.total());
        out.println();
        s.categories().forEach((k, c) -> print(out, k, c));
        out.flush();
        return ExitCode.OK;
    }

    private static void print(PrintWriter out, String name, Counts c) {
        out.printf(Locale.ROOT, "%-18s %9d %,12d %12s%n", name, c.documents(), c.words(),
                c.tokens() < 0 ? "-" : String.format(Locale.ROOT, "%,d", c.tokens()));
    }

    /** Computes the statistics. */
    public Stats stats() {
        Corpus c = Genres.select(Corpora.load(corpus, dataDir.resolve(), seed), Genres.parse(genres),
                "--genres");
        TextTokenizer tok = tokenizer == null ? null : HfTokenizer.load(tokenizer);
        try {
            Map<String, Counts> splits = new LinkedHashMap<>();
            Map<String, Counts> cats = new TreeMap<>();
            Counts total = new Counts(0, 0, tok == null ? -1 : 0);
            for (Split s : Split.values()) {
                List<Document> docs = c.split(s);
                List<int[]> ids = tok == null ? null : tok.encodeAll(docs.stream().map(Document::text).toList());
                Counts split = new Counts(0, 0, tok == null ? -1 : 0);
                for (int i = 0; i < docs.size(); i++) {
                    Counts one = new Counts(1, docs.get(i).wordCount(), ids == null ? -1 : ids.get(i).length);
                    split = split.plus(one);
                    cats.merge(docs.get(i).category(), one, Counts::plus);
                }
                splits.put(s.key(), split);
                total = total.plus(split);
            }
            return new Stats(c.name(), splits, cats, total);
        } finally {
            if (tok != null) {
                tok.close();
            }
        }
    }
}
