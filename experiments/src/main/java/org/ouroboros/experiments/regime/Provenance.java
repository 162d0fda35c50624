package org.ouroboros.experiments.regime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The label of every block a regime can put in a training set, kept through the pipeline: regimes pass
 * blocks on (drawn, filtered, repeated) without copying them, so a block's identity names its origin.
 */
public final class Provenance {
    private final Map<int[], BlockOrigin> origins = new IdentityHashMap<>();

    /**
     * @param real     the real training blocks
     * @param history  each generation's synthetic corpus so far
     * @param aligned  whether synthetic block i of every corpus continues real block i (prompted corpora
     *                 whose samples are one block each); else the continued block is unknown (-1)
     */
    public Provenance(List<int[]> real, List<SyntheticCorpus> history, boolean aligned) {
        for (int i = 0; i < real.size(); i++) {
            origins.put(real.get(i), BlockOrigin.real(i));
        }
        for (SyntheticCorpus c : history) {
            boolean same = aligned && c.blocks().size() == real.size();
            for (int i = 0; i < c.blocks().size(); i++) {
                origins.putIfAbsent(c.blocks().get(i), new BlockOrigin(true, c.generation(), same ? i : -1));
            }
        }
    }

    /** The origin of every block of {@code set}, in order; a block this provenance never saw is an error. */
    public List<BlockOrigin> of(TrainingSet set) {
        List<BlockOrigin> out = new ArrayList<>(set.blocks().size());
        for (int[] b : set.blocks()) {
            BlockOrigin o = origins.get(b);
            if (o == null) {
                throw new IllegalStateException("a training block of unknown origin: regimes must pass blocks on, "
                        + "not copy them");
            }
            out.add(o);
        }
        return out;
    }

    /** Whether {@code block} is a real training block. */
    public boolean isSynthetic(int[] block) {
        BlockOrigin o = origins.get(block);
        return o != null && o.synthetic();
    }

    /**
     * The synthetic share of {@code origins} weighted by {@code weights} ({@code synthetic_share}) and the
     * share by generation of origin ({@code synthetic_share_gen_K}), as {@code metrics.csv} columns.
     */
    public static Map<String, Double> shares(List<BlockOrigin> origins, double[] weights, int generations) {
        double total = 0;
        double synth = 0;
        double[] byGen = new double[Math.max(0, generations)];
        for (int i = 0; i < origins.size(); i++) {
            double w = weights[i];
            total += w;
            BlockOrigin o = origins.get(i);
            if (o.synthetic()) {
                synth += w;
                if (o.generation() >= 0 && o.generation() < byGen.length) {
                    byGen[o.generation()] += w;
                }
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("synthetic_share", total == 0 ? Double.NaN : synth / total);
        for (int g = 0; g < byGen.length; g++) {
            m.put("synthetic_share_gen_" + g, total == 0 ? Double.NaN : byGen[g] / total);
        }
        return m;
    }
}
