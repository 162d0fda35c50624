package org.ouroboros.experiments.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ouroboros.cli.DataDirOption;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.experiments.run.Recursion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ouro demo}: the shipped {@code demo.yaml} (Brown, replace vs accumulate, a small model trained
 * from scratch, CPU-sized) into {@code runs/demo}; fetches Brown first if needed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run experiments/configs/demo.yaml (Brown, replace vs accumulate) into runs/demo.")
public final class DemoCommand implements Callable<Integer> {
    /** The config, shipped on the classpath from experiments/configs. */
    static final String RESOURCE = "/configs/demo.yaml";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", defaultValue = "runs/demo", paramLabel = "RUN_DIR", description = "Run directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--json", description = "Print a JSON summary.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Recursion.Summary s = RunCommand.run(demoConfig(), out, false, dataDir.resolve());
        RunCommand.print(spec.commandLine().getOut(), s, json);
        return ExitCode.OK;
    }

    static ExperimentConfig demoConfig() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo.yaml is missing from the application");
            }
            return ExperimentConfigs.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo.yaml");
        }
    }
}
