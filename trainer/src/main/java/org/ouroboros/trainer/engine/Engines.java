package org.ouroboros.trainer.engine;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ouroboros.cli.BadInputException;

/**
 * The engines this build knows, by name. Each engine package contributes one {@link EngineProvider}, a
 * class named in {@link #PROVIDER_CLASSES}; one that is not on the class path is "not available in this
 * build", so the seam compiles and runs whether or not an engine has been built in.
 */
public final class Engines {
    /** Engine name to the provider class its package supplies. */
    public static final Map<String, String> PROVIDER_CLASSES = providerClasses();

    private Engines() {
    }

    private static Map<String, String> providerClasses() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("nd4j", "org.ouroboros.trainer.engine.nd4j.Nd4jEngineProvider");
        m.put("pytorch", "org.ouroboros.trainer.engine.pytorch.PyTorchEngineProvider");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static volatile Engine current;

    /**
     * The engine this process computes on: the one a command chose with {@code --engine} ({@link #use}),
     * else {@code auto}'s choice, opened on first use. Code that loads or makes models without being handed
     * an engine (e.g. {@code ModelCheckpoints.load(dir)}) uses this one.
     */
    public static Engine current() {
        Engine e = current;
        if (e == null) {
            synchronized (Engines.class) {
                if (current == null) {
                    current = EngineChoice.resolve("auto").open();
                }
                e = current;
            }
        }
        return e;
    }

    /** Makes {@code engine} this process's engine (see {@link #current}); returns it. */
    public static Engine use(Engine engine) {
        current = engine;
        return engine;
    }

    /** The provider named {@code name}, or null when the name is known but its package is not in this build. */
    public static EngineProvider find(String name) {
        String cls = PROVIDER_CLASSES.get(name);
        if (cls == null) {
            throw new BadInputException("unknown engine '" + name + "': use " + String.join(", ",
                    PROVIDER_CLASSES.keySet()) + " or auto");
        }
        try {
            return (EngineProvider) Class.forName(cls).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalStateException("engine " + name + ": " + cls + " cannot be made: " + cause, cause);
        }
    }

    /** The provider named {@code name}, or one error saying it is not in this build. */
    public static EngineProvider require(String name) {
        EngineProvider p = find(name);
        if (p == null) {
            throw new BadInputException("engine " + name + " is not available in this build (no "
                    + PROVIDER_CLASSES.get(name) + "); use --engine nd4j");
        }
        return p;
    }
}
