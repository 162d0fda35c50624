package org.ouroboros.trainer.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.EngineChoice;
import org.ouroboros.trainer.engine.Engines;
import picocli.CommandLine.Option;

/**
 * {@code --engine nd4j|pytorch|auto}, shared by every command that computes: resolves the choice, prints
 * the one line saying which engine and device and why on stderr, and makes it the process's engine.
 */
public final class EngineOption {
    @Option(names = "--engine", defaultValue = "auto", paramLabel = "nd4j|pytorch|auto",
            description = "Compute engine: nd4j, pytorch or auto (nd4j on a CPU; on a GPU whichever build runs it)"
                    + " (default: ${DEFAULT-VALUE}).")
    String engine = "auto";

    /** The value given (or {@code auto}). */
    public String requested() {
        return engine;
    }

    /**
     * Resolves {@code requested} (e.g. a config's {@code engine:} when the option was not given), opens it,
     * makes it the process's engine and says which it is on {@code err}.
     */
    public static Opened open(String requested, PrintWriter err) {
        EngineChoice choice = EngineChoice.resolve(requested);
        err.println(choice.describe());
        err.flush();
        return new Opened(choice, Engines.use(choice.open()));
    }

    /** This option's engine, opened (see {@link #open(String, PrintWriter)}). */
    public Opened open(PrintWriter err) {
        return open(engine, err);
    }

    /** A chosen, opened engine. */
    public record Opened(EngineChoice choice, Engine engine) {
        /** What provenance.json and run.json record about it. */
        public Map<String, Object> provenance() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", engine.name());
            m.put("device", engine.device());
            m.put("engine_runtime", engine.runtime());
            m.put("engine_reason", choice.reason());
            return m;
        }
    }
}
