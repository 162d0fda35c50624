package org.ouroboros.experiments.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.ouroboros.cli.Cli;

/** Runs a command line the way {@code ouro} does and captures what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.commandLine(command)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Through the root {@code ouro} command, as the launcher runs it. */
    static CliRun ouro(String... args) {
        return of(new Ouro(), args);
    }
}
