package org.ouroboros.trainer.checkpoint;

import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.ouroboros.trainer.engine.nd4j.OptModel;
import org.ouroboros.trainer.engine.nd4j.ParameterLayout;
import org.ouroboros.trainer.engine.nd4j.Parameters;

/** Saves an {@link OptModel} as a HuggingFace OPT checkpoint directory and loads one back. */
public final class ModelCheckpoints {
    private ModelCheckpoints() {
    }

    /** A model read from a checkpoint, with the checkpoint's tokenizer file (null if none) and provenance. */
    public record Loaded(OptModel model, Path tokenizerFile, Provenance provenance) {
    }

    /**
     * Writes {@code model} to {@code dir} atomically; tensors are copied out of ND4J one at a time, so
     * saving needs little heap beyond the largest tensor.
     */
    public static void save(OptModel model, Path dir, Path tokenizerFileOrDir, Provenance provenance, DType dtype) {
        Checkpoint.save(dir, model.config(), new LazyTensors(model.parameters()), tokenizerFileOrDir, provenance,
                dtype);
    }

    /** Loads {@code dir} into a float32 model. */
    public static Loaded load(Path dir) {
        LoadedCheckpoint c = Checkpoint.load(dir);
        Parameters p = Parameters.zeros(ParameterLayout.of(c.config()), DataType.FLOAT);
        c.tensors().forEach((name, tensor) -> p.set(name, tensor.data()));
        return new Loaded(new OptModel(p), c.tokenizerFile(), c.provenance());
    }

    /** The model's tensors under their HF names, converted to floats when asked for. */
    private static final class LazyTensors extends AbstractMap<String, Tensor> {
        private final Parameters params;
        private final Set<String> names = new LinkedHashSet<>();

        LazyTensors(Parameters params) {
            this.params = params;
            params.layout().canonicalOrder().forEach(e -> names.add(e.name()));
        }

        @Override
        public Tensor get(Object key) {
            if (!names.contains(key)) {
                return null;
            }
            ParameterLayout.Entry e = params.layout().entry((String) key);
            return new Tensor(e.shape(), params.toFloatArray(e.name()));
        }

        @Override
        public boolean containsKey(Object key) {
            return names.contains(key);
        }

        @Override
        public Set<String> keySet() {
            return names;
        }

        @Override
        public Set<Entry<String, Tensor>> entrySet() {
            Set<Entry<String, Tensor>> out = new LinkedHashSet<>();
            for (String n : names) {
                out.add(new SimpleImmutableEntry<>(n, get(n)));
            }
            return out;
        }
    }
}
