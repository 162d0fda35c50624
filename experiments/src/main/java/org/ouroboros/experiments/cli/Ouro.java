package org.ouroboros.experiments.cli;

import java.util.concurrent.Callable;
import org.ouroboros.cli.Cli;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.data.cli.DataCommand;
import org.ouroboros.data.cli.TokenizerCommand;
import org.ouroboros.trainer.cli.BenchCommand;
import org.ouroboros.trainer.cli.DoctorCommand;
import org.ouroboros.trainer.cli.EvalCommand;
import org.ouroboros.trainer.cli.SampleCommand;
import org.ouroboros.trainer.cli.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code ouro} command: the root of every subcommand. Run with no arguments it prints the list of
 * commands.
 */
@Command(name = "ouro",
        mixinStandardHelpOptions = true,
        versionProvider = OuroVersion.class,
        description = "Model-collapse research harness: train, generate, retrain, measure.",
        subcommands = {
                CommandLine.HelpCommand.class,
                DataCommand.class,
                TokenizerCommand.class,
                TrainCommand.class,
                EvalCommand.class,
                SampleCommand.class,
                PretrainCommand.class,
                RunCommand.class,
                SweepCommand.class,
                DemoCommand.class,
                BenchCommand.class,
                MetricsCommand.class,
                ToyCommand.class,
                ReportCommand.class,
                DoctorCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the run failed", "2:bad input or usage"})
public final class Ouro implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /** The command line the launcher runs; tests use it with {@code setOut}/{@code setErr}. */
    public static CommandLine commandLine() {
        return Cli.commandLine(new Ouro());
    }

    public static void main(String[] args) {
        int code;
        try {
            CommandLine cl = commandLine();
            code = cl.execute(args);
            cl.getOut().flush();
            // System.out never throws: a full disk or a closed pipe only sets its error flag
            if (System.out.checkError() && code == ExitCode.OK) {
                System.err.println("error: could not write the output to standard output (a full disk or a closed pipe)");
                code = ExitCode.RUN_FAILURE;
            }
        } catch (Throwable t) {
            // Errors (e.g. a native library that fails to load) bypass picocli's exception handler.
            System.err.println("error: " + t.getClass().getSimpleName() + ": " + t.getMessage());
            code = ExitCode.RUN_FAILURE;
        }
        System.exit(code);
    }
}
