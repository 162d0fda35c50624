package org.ouroboros.cli;

/** The process exit codes every {@code ouro} command uses. */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command was valid but the work failed (diverged training, I/O failure, a bug). */
    public static final int RUN_FAILURE = 1;
    /** Bad input or usage: unknown option, malformed config, corrupt file, missing tool. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {
    }
}
