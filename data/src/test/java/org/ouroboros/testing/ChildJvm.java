package org.ouroboros.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM on this test's own classpath (surefire's), with the flags the tests run under
 * ({@code --add-modules jdk.incubator.vector}) plus the caller's: for tests that compare what two processes
 * compute, or kill one. Output and errors go to a file, so a chatty child cannot block on a full pipe.
 */
public final class ChildJvm {
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> environment;
    private final Path log;

    private ChildJvm(List<String> jvmFlags, String mainClass, List<String> args, Map<String, String> environment,
                     Path log) {
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        this.environment = environment;
        this.log = log;
    }

    /** A child running {@code mainClass args} with extra JVM flags and environment variables, logging to {@code log}. */
    public static ChildJvm of(List<String> jvmFlags, String mainClass, List<String> args, Map<String, String> env,
                              Path log) {
        return new ChildJvm(jvmFlags, mainClass, args, env, log);
    }

    /** Starts the child; its output (stdout and stderr) goes to the log file. */
    public Process start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment);
        return pb.start();
    }

    /** Runs the child to its end (at most {@code timeoutSeconds}) and returns its exit code and output. */
    public Result run(long timeoutSeconds) throws IOException, InterruptedException {
        Process p = start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("child JVM did not finish in " + timeoutSeconds + " s: " + command
                    + "\n" + output());
        }
        return new Result(p.exitValue(), output());
    }

    /** What the child printed so far. */
    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** A finished child: exit code and everything it printed. */
    public record Result(int exitCode, String output) {
    }
}
