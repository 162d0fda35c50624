package org.ouroboros.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Assumptions for the few tests that need something of the machine they cannot make themselves (a tool on the
 * PATH, a package in apt's index): each skips, saying what is missing and why the test needs it, instead of
 * failing on a machine set up otherwise. {@code .ci/run} installs all of them, so CI runs every such test.
 */
public final class Preconditions {
    private Preconditions() {
    }

    /** Skips unless {@code command} is an executable on the PATH; {@code why} says what the test needs it for. */
    public static void assumeOnPath(String command, String why) {
        assumeTrue(onPath(command), command + " is not on the PATH: " + why);
    }

    /** Skips unless apt's package index lists {@code pkg} ({@code apt-cache show}); {@code apt-get update} fixes that. */
    public static void assumeAptLists(String pkg) {
        assumeOnPath("apt-cache", "the test downloads Debian's " + pkg);
        assumeTrue(succeeds("apt-cache", "show", pkg), "apt's package index does not list " + pkg
                + " (apt-get update adds it; .ci/run does)");
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean succeeds(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
