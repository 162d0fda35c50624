package org.ouroboros.trainer.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The source revision a run was made from, for provenance: {@code git rev-parse HEAD}, suffixed
 * {@code -dirty} when {@code git status --porcelain} reports changes (untracked files included), or
 * {@code unknown} when there is no git or no repository.
 */
public final class GitCommit {
    /** What is recorded when the revision cannot be determined. */
    public static final String UNKNOWN = "unknown";
    private static final long TIMEOUT_SECONDS = 10;

    private GitCommit() {
    }

    /** The revision of the repository holding the current working directory. */
    public static String describe() {
        return describe(Path.of("").toAbsolutePath());
    }

    /** The revision of the repository holding {@code dir}: {@code abc123}, {@code abc123-dirty} or {@code unknown}. */
    public static String describe(Path dir) {
        Optional<String> head = git(dir, "rev-parse", "HEAD");
        if (head.isEmpty() || head.get().isBlank()) {
            return UNKNOWN;
        }
        Optional<String> status = git(dir, "status", "--porcelain");
        if (status.isEmpty()) {
            return UNKNOWN;
        }
        return head.get().strip() + (status.get().isBlank() ? "" : "-dirty");
    }

    /** Standard output of {@code git -C dir args...}, or empty if git is absent, fails or hangs. */
    private static Optional<String> git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        // a caller's GIT_DIR (say, from a hook) would point git at another repository than dir's
        pb.environment().keySet().removeAll(List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"));
        try {
            Process process = pb.start();
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
