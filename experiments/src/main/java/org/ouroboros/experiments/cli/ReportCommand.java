package org.ouroboros.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.report.RunReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ouro report RUN_DIR}: regenerates a run's plots and HTML report from its CSV files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerate the plots and report.html of a run directory (written to RUN_DIR/report/).")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory containing metrics.csv.")
    Path runDir;

    @Option(names = "--json", description = "Print {\"report\": path, \"files\": [...], \"skipped\": [...]}.")
    boolean json;

    /**
     * The {@code --json} form of a report result: plain path strings.
     *
     * @param report  the HTML page
     * @param files   every file written
     * @param skipped plots or sections left out, and why
     */
    public record JsonResult(String report, List<String> files, List<String> skipped) {
        static JsonResult of(RunReport.Result r) {
            return new JsonResult(r.report().toString(), r.files().stream().map(Path::toString).toList(), r.skipped());
        }
    }

    /** Writes the report of {@code runDir}. */
    public static RunReport.Result run(Path runDir) {
        return RunReport.write(runDir);
    }

    @Override
    public Integer call() {
        RunReport.Result result = run(runDir);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, JsonResult.of(result));
            return ExitCode.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        for (String s : result.skipped()) {
            err.println("skipped " + s);
        }
        err.flush();
        out.println(result.report());
        out.flush();
        return ExitCode.OK;
    }
}
