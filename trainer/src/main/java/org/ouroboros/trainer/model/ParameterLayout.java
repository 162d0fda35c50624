package org.ouroboros.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each OPT tensor lives in one flat parameter buffer, under its HuggingFace name.
 *
 * <p>Two choices make the training step cheap: the weights that take weight decay sit in one contiguous
 * region (so decay is a single scale of that region), and each layer's q, k and v projections sit next to
 * each other (so {@code [q; k; v]} is one {@code [3C, C]} matrix and the three projections are one gemm).
 * Linear weights are stored {@code [out, in]} like {@code torch.nn.Linear}.
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
        long v = c.vocabSize();
        long h = c.hiddenSize();
        long f = c.ffnDim();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        List<String> decayed = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        shapes.put(OptNames.EMBED_TOKENS, new long[] {v, h});
        shapes.put(OptNames.EMBED_POSITIONS, new long[] {c.positionRows(), h});
        decayed.add(OptNames.EMBED_TOKENS);
        decayed.add(OptNames.EMBED_POSITIONS);
        for (int i = 0; i < c.numLayers(); i++) {
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                shapes.put(OptNames.layer(i, "self_attn." + proj + ".weight"), new long[] {h, h});
                shapes.put(OptNames.layer(i, "self_attn." + proj + ".bias"), new long[] {h});
            }
            shapes.put(OptNames.layer(i, "self_attn_layer_norm.weight"), new long[] {h});
            shapes.put(OptNames.layer(i, "self_attn_layer_norm.bias"), new long[] {h});
            shapes.put(OptNames.layer(i, "fc1.weight"), new long[] {f, h});
            shapes.put(OptNames.layer(i, "fc1.bias"), new long[] {f});
            shapes.put(OptNames.layer(i, "fc2.weight"), new long[] {h, f});
            shapes.put(OptNames.layer(i, "fc2.bias"), new long[] {h});
            shapes.put(OptNames.layer(i, "final_layer_norm.weight"), new long[] {h});
            shapes.put(OptNames.layer(i, "final_layer_norm.bias"), new long[] {h});
            // q, k, v adjacent in this order: together they are the fused [3C, C] weight and [3C] bias.
            for (String name : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                decayed.add(OptNames.layer(i, "self_attn." + name + ".weight"));
            }
            decayed.add(OptNames.layer(i, "fc1.weight"));
            decayed.add(OptNames.layer(i, "fc2.weight"));
            for (String name : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                plain.add(OptNames.layer(i, "self_attn." + name + ".bias"));
            }
            plain.add(OptNames.layer(i, "fc1.bias"));
            plain.add(OptNames.layer(i, "fc2.bias"));
            for (String ln : new String[] {"self_attn_layer_norm", "final_layer_norm"}) {
                plain.add(OptNames.layer(i, ln + ".weight"));
                plain.add(OptNames.layer(i, ln + ".bias"));
            }
        }
        shapes.put(OptNames.FINAL_NORM_WEIGHT, new long[] {h});
        shapes.put(OptNames.FINAL_NORM_BIAS, new long[] {h});
        plain.add(OptNames.FINAL_NORM_WEIGHT);
        plain.add(OptNames.FINAL_NORM_BIAS);

        Map<String, Entry> placed = new LinkedHashMap<>();
        long offset = 0;
        for (String name : decayed) {
            Entry e = new Entry(name, shapes.get(name), offset, true);
            placed.put(name, e);
            offset += e.size();
        }
        long decayedSize = offset;
        for (String name : plain) {
            Entry e = new Entry(name, shapes.get(name), offset, false);
            placed.put(name, e);
            offset += e.size();
        }
        List<Entry> canonical = new ArrayList<>();
        for (String name : shapes.keySet()) {
            canonical.add(placed.get(name));
        }
        return new ParameterLayout(c, Collections.unmodifiableMap(placed),
                Collections.unmodifiableList(canonical), decayedSize, offset);
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
