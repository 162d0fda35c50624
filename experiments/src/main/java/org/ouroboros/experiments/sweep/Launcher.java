package org.ouroboros.experiments.sweep;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ouroboros.cli.BadInputException;

/**
 * How a task starts {@code ouro}: the project's launcher {@code scripts/ouro} (its JVM settings, sized to
 * the task's CPUs and memory), plus environment it needs ({@code OURO_CLASSPATH} when the application is
 * not the built jar, as in the tests).
 *
 * @param command the launcher and any leading arguments
 * @param env     environment variables every task gets
 */
public record Launcher(List<String> command, Map<String, String> env) {
    public Launcher {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** {@code scripts/ouro} of this installation ({@code $OURO_HOME}, set by the launcher, else found from the code). */
    public static Launcher current() {
        String home = System.getenv("OURO_HOME");
        Path root = home != null ? Path.of(home) : codeRoot();
        Path script = root.resolve("scripts").resolve("ouro");
        if (!Files.isExecutable(script)) {
            throw new BadInputException("cannot find the launcher scripts/ouro (looked at " + script + "); run the "
                    + "sweep through scripts/ouro");
        }
        Map<String, String> env = new TreeMap<>();
        String cp = System.getenv("OURO_CLASSPATH");
        if (cp != null) {
            env.put("OURO_CLASSPATH", cp);
        }
        return new Launcher(List.of(script.toString()), env);
    }

    /** The project root from where this class was loaded: ROOT/experiments/target/{ouroboros.jar,classes}. */
    private static Path codeRoot() {
        try {
            Path p = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.getParent().getParent().getParent();
        } catch (URISyntaxException | NullPointerException e) {
            return Path.of(".");
        }
    }
}
