package org.ouroboros.trainer.engine.nd4j;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Set;
import org.ouroboros.trainer.checkpoint.Tensor;

/** A model's tensors under their HF names, each copied out of ND4J as floats only when asked for. */
final class ParameterTensors extends AbstractMap<String, Tensor> {
    private final Parameters params;
    private final Set<String> names = new LinkedHashSet<>();

    ParameterTensors(Parameters params) {
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
