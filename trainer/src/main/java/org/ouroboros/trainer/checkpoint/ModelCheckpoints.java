package org.ouroboros.trainer.checkpoint;

import java.nio.file.Path;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.Engines;
import org.ouroboros.trainer.engine.LanguageModel;

/** Saves a {@link LanguageModel} of any engine as a HuggingFace OPT checkpoint directory and loads one back. */
public final class ModelCheckpoints {
    private ModelCheckpoints() {
    }

    /** A model read from a checkpoint, with the checkpoint's tokenizer file (null if none) and provenance. */
    public record Loaded(LanguageModel model, Path tokenizerFile, Provenance provenance) {
    }

    /**
     * Writes {@code model} to {@code dir} atomically; tensors are copied off the engine one at a time, so
     * saving needs little heap beyond the largest tensor.
     */
    public static void save(LanguageModel model, Path dir, Path tokenizerFileOrDir, Provenance provenance,
                            DType dtype) {
        Checkpoint.save(dir, model.config(), model.tensors(), tokenizerFileOrDir, provenance, dtype);
    }

    /** Loads {@code dir} into a float32 model on this process's engine ({@link Engines#current}). */
    public static Loaded load(Path dir) {
        return load(dir, Engines.current());
    }

    /** Loads {@code dir} into a float32 model on {@code engine}. */
    public static Loaded load(Path dir, Engine engine) {
        LoadedCheckpoint c = Checkpoint.load(dir);
        return new Loaded(engine.fromTensors(c.config(), c.tensors()), c.tokenizerFile(), c.provenance());
    }
}
