package org.ouroboros.trainer.checkpoint;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ouroboros.trainer.engine.OptConfig;

/**
 * A model directory read and validated by {@link Checkpoint#load}: the decoder's shape, every parameter
 * under its canonical HuggingFace name (with the {@code model.} prefix, in {@link OptTensorNames#layout}
 * order, float32, linear weights {@code [out, in]}), and where the tokenizer and provenance are.
 *
 * @param config        the decoder shape from config.json
 * @param tensors       parameters by canonical name; the tied lm_head is not included
 * @param tokenizerFile the directory's tokenizer.json, or null if it has none
 * @param provenance    the directory's provenance.json, or null if it has none
 */
public record LoadedCheckpoint(OptConfig config, Map<String, Tensor> tensors, Path tokenizerFile,
                               Provenance provenance) {

    public LoadedCheckpoint {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** The parameter named {@code name}, with or without the {@code model.} prefix. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(OptTensorNames.canonical(name));
        if (t == null) {
            throw new IllegalArgumentException("no parameter named " + name + " in this checkpoint");
        }
        return t;
    }
}
