package org.ouroboros.trainer.engine.nd4j;

import org.ouroboros.trainer.engine.OptConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ouroboros.trainer.checkpoint.OptTensorNames;
import org.ouroboros.trainer.checkpoint.TensorSpec;

/**
 * Where each OPT tensor lives in one flat parameter buffer, under its HuggingFace name.
 *
 * <p>Two choices make the training step cheap: the matrices (embeddings and Linear weights, the tensors
 * that take weight decay) sit in one contiguous region before the biases and LayerNorm parameters, so
 * decay is a single scale of that region; and within each region HF's order keeps a layer's q, k and v
 * projections adjacent, so {@code [q; k; v]} is one {@code [3C, C]} matrix (and one {@code [3C]} bias)
 * and the three projections are one gemm.
 */
public final class ParameterLayout {
    /** One tensor: its HF name, shape, offset in the flat buffer, and whether weight decay applies. */
    public record Entry(String name, long[] shape, long offset, boolean decayed) {
        public long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final OptConfig config;
    private final Map<String, Entry> entries;
    private final List<Entry> canonical;
    private final long decayedSize;
    private final long totalSize;

    private ParameterLayout(OptConfig config, Map<String, Entry> entries, List<Entry> canonical,
                            long decayedSize, long totalSize) {
        this.config = config;
        this.entries = entries;
        this.canonical = canonical;
        this.decayedSize = decayedSize;
        this.totalSize = totalSize;
    }

    /** The layout for a model shape. */
    public static ParameterLayout of(OptConfig c) {
        List<TensorSpec> specs = OptTensorNames.layout(c);
        Map<String, Entry> placed = new LinkedHashMap<>();
        long offset = 0;
        for (boolean matrices : new boolean[] {true, false}) {
            for (TensorSpec spec : specs) {
                if ((spec.shape().length == 2) == matrices) {
                    Entry e = new Entry(spec.name(), spec.shape(), offset, matrices);
                    placed.put(spec.name(), e);
                    offset += e.size();
                }
            }
        }
        long decayedSize = 0;
        List<Entry> canonical = new ArrayList<>();
        for (TensorSpec spec : specs) {
            Entry e = placed.get(spec.name());
            canonical.add(e);
            decayedSize += e.decayed() ? e.size() : 0;
        }
        return new ParameterLayout(c, Collections.unmodifiableMap(placed), Collections.unmodifiableList(canonical),
                decayedSize, offset);
    }

    public OptConfig config() {
        return config;
    }

    /** The entry named {@code name} (HF name with the {@code model.} prefix). */
    public Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return e;
    }

    /** Every tensor in HuggingFace's order (embeddings, then layer by layer, then the final norm). */
    public List<Entry> canonicalOrder() {
        return canonical;
    }

    /** Elements at the start of the buffer that take weight decay. */
    public long decayedSize() {
        return decayedSize;
    }

    /** Elements in the whole buffer (= the model's parameter count). */
    public long totalSize() {
        return totalSize;
    }
}
