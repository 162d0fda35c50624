package org.ouroboros.data.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.data.mnist.FashionMnist;
import picocli.CommandLine.Option;

/** The options and output of {@code ouro data fetch fashion-mnist} (a picocli mixin of {@link DataFetchCommand}). */
public final class FashionMnistFetchOptions {
    @Option(names = "--from", paramLabel = "DIR",
            description = "fashion-mnist: import the four IDX files (train-images-idx3-ubyte[.gz], ...) from DIR "
                    + "instead of the Debian package.")
    Path from;

    @Option(names = "--apt-bin", hidden = true, paramLabel = "DIR", description = "Directory of apt-get and apt-cache.")
    Path aptBin;

    @Option(names = "--apt-cache", hidden = true, paramLabel = "DIR", defaultValue = "/var/cache/apt/archives",
            description = "apt's package cache, looked in before downloading.")
    Path aptCache;

    /** What the command does, for tests. */
    public FashionMnist.FetchResult fetch(Path dataDir) {
        return FashionMnist.fetch(dataDir, from, aptBin, aptCache);
    }

    int print(PrintWriter out, FashionMnist.FetchResult r, boolean json) {
        if (json) {
            Json.print(out, r);
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "%s Fashion-MNIST from %s%s: %,d training and %,d test images of 28x28, 10 classes%n",
                r.alreadyPresent() ? "already present:" : "fetched", r.source(),
                r.fromAptCache() ? " (apt's cached copy)" : "", r.train(), r.test());
        out.printf(Locale.ROOT, "  %s (%.1f s)%n", r.dir(), r.seconds());
        out.flush();
        return ExitCode.OK;
    }
}
