package org.ouroboros.cli;

/**
 * Input the user can fix: a malformed config, a corrupt checkpoint, an empty corpus, a missing tool.
 * The message is shown as the whole error, so it says what was wrong and how to fix it.
 * Commands map it to {@link ExitCode#BAD_INPUT}.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
