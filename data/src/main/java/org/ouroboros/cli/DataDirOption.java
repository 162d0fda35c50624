package org.ouroboros.cli;

import java.nio.file.Path;
import org.ouroboros.data.corpus.DataDir;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option every command that reads corpora shares (a picocli mixin). */
public final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: $OUROBOROS_DATA or ~/.cache/ouroboros).")
    Path dataDir;

    /** The directory to use: the option, else the environment, else the default. */
    public Path resolve() {
        return DataDir.resolve(dataDir);
    }
}
