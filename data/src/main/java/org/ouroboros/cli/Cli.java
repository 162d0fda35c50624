package org.ouroboros.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Builds a picocli {@link CommandLine} with the project's error conventions: one line on stderr saying what
 * was wrong, exit code 2 for bad input or usage and 1 for failures, and a stack trace only with
 * {@code --verbose}.
 */
public final class Cli {
    private Cli() {
    }

    /** A command line for {@code command} with Ouroboros' exit codes and error printing. */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Cli::onUsageError);
        cl.setExecutionExceptionHandler(Cli::onExecutionError);
        return cl;
    }

    private static int onUsageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + ex.getMessage());
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCode.BAD_INPUT;
    }

    private static int onExecutionError(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable cause = ex;
        if (cause instanceof UncheckedIOException && cause.getCause() != null && !namesMore(cause)) {
            cause = cause.getCause();
        }
        err.println("error: " + describe(cause));
        if (isVerbose(parsed)) {
            ex.printStackTrace(err);
        } else if (!(cause instanceof BadInputException)) {
            err.println("(run with --verbose for the stack trace)");
        }
        err.flush();
        return cause instanceof BadInputException ? ExitCode.BAD_INPUT : ExitCode.RUN_FAILURE;
    }

    /**
     * Whether a wrapper's message says more than its cause's, e.g. AtomicFiles' "could not write PATH: No
     * space left on device" around the bare IOException.
     */
    private static boolean namesMore(Throwable wrapper) {
        String message = wrapper.getMessage();
        return message != null && !message.equals(wrapper.getCause().toString());
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (t instanceof BadInputException || t instanceof UncheckedIOException) {
            return message;
        }
        String kind = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }

    /** True when {@code --verbose} was given on the root command or any subcommand. */
    static boolean isVerbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
