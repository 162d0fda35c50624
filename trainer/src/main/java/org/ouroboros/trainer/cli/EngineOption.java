package org.ouroboros.trainer.cli;

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

    /** Resolves {@code requested} (a config's {@code engine:} when the option was not given), opens it and reports it. */
    public static Opened open(String requested) {
        EngineChoice choice = EngineChoice.resolve(requested);
        System.err.println(choice.describe());
        return new Opened(choice, Engines.use(choice.open()));
    }

    /** This option's engine, opened. */
    public Opened open() {
        return open(engine);
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
