package org.ouroboros.trainer.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.trainer.engine.OptConfig;

/**
 * The parameter names and shapes of an OPT decoder in HuggingFace's layout ({@code OPTForCausalLM}'s
 * state dict), in canonical order, and matching of a file's names against them. Linear weights are
 * {@code [out, in]} like {@code torch.nn.Linear} ({@code y = x W^T + b}). Files may omit the {@code model.}
 * prefix (checkpoints saved from {@code OPTModel}) and may carry a tied {@code lm_head.weight}, which is
 * checked for shape and otherwise ignored.
 */
public final class OptTensorNames {
    /** The prefix {@code OPTForCausalLM} puts before {@code decoder.}. */
    public static final String PREFIX = "model.";
    /** Token embedding {@code [V, C]}; also the (tied) output projection. */
    public static final String EMBED_TOKENS = "model.decoder.embed_tokens.weight";
    /** Learned positions {@code [maxPositions + 2, C]}, looked up at {@code position + 2}. */
    public static final String EMBED_POSITIONS = "model.decoder.embed_positions.weight";
    /** Final LayerNorm weight {@code [C]}. */
    public static final String FINAL_NORM_WEIGHT = "model.decoder.final_layer_norm.weight";
    /** Final LayerNorm bias {@code [C]}. */
    public static final String FINAL_NORM_BIAS = "model.decoder.final_layer_norm.bias";
    /** The output projection; OPT ties it to {@link #EMBED_TOKENS}, so we never store it. */
    public static final String LM_HEAD = "lm_head.weight";
    private static final int LISTED = 5;

    private OptTensorNames() {
    }

    /** Name of a parameter of decoder block {@code layer}, e.g. {@code layer(0, "fc1.weight")}. */
    public static String layer(int layer, String suffix) {
        return "model.decoder.layers." + layer + "." + suffix;
    }

    /** Every parameter of {@code config}'s decoder with its shape, in the order checkpoints store them. */
    public static List<TensorSpec> layout(OptConfig config) {
        long c = config.hiddenSize();
        long f = config.ffnDim();
        List<TensorSpec> specs = new ArrayList<>();
        specs.add(TensorSpec.of(EMBED_TOKENS, config.vocabSize(), c));
        specs.add(TensorSpec.of(EMBED_POSITIONS, config.positionRows(), c));
        for (int i = 0; i < config.numLayers(); i++) {
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                specs.add(TensorSpec.of(layer(i, "self_attn." + proj + ".weight"), c, c));
                specs.add(TensorSpec.of(layer(i, "self_attn." + proj + ".bias"), c));
            }
            specs.add(TensorSpec.of(layer(i, "self_attn_layer_norm.weight"), c));
            specs.add(TensorSpec.of(layer(i, "self_attn_layer_norm.bias"), c));
            specs.add(TensorSpec.of(layer(i, "fc1.weight"), f, c));
            specs.add(TensorSpec.of(layer(i, "fc1.bias"), f));
            specs.add(TensorSpec.of(layer(i, "fc2.weight"), c, f));
            specs.add(TensorSpec.of(layer(i, "fc2.bias"), c));
            specs.add(TensorSpec.of(layer(i, "final_layer_norm.weight"), c));
            specs.add(TensorSpec.of(layer(i, "final_layer_norm.bias"), c));
        }
        specs.add(TensorSpec.of(FINAL_NORM_WEIGHT, c));
        specs.add(TensorSpec.of(FINAL_NORM_BIAS, c));
        return specs;
    }

    /** {@code name} with the {@code model.} prefix added to a bare {@code decoder.} name. */
    public static String canonical(String name) {
        return name.startsWith("decoder.") ? PREFIX + name : name;
    }

    /**
     * Maps each canonical name of {@code config}'s layout to the name {@code given} spells it with.
     * {@code lm_head.weight} may be present and is left out of the map.
     *
     * @param source names the file or map in errors
     * @throws BadInputException listing missing or unexpected names, or a name given in both spellings
     */
    public static Map<String, String> resolve(OptConfig config, Set<String> given, String source) {
        List<TensorSpec> layout = layout(config);
        Map<String, String> byCanonical = new LinkedHashMap<>();
        Set<String> unexpected = new TreeSet<>();
        Set<String> wanted = new TreeSet<>();
        layout.forEach(s -> wanted.add(s.name()));
        for (String name : given) {
            String canonical = canonical(name);
            if (name.equals(LM_HEAD)) {
                continue;
            }
            if (!wanted.contains(canonical)) {
                unexpected.add(name);
            } else if (byCanonical.put(canonical, name) != null) {
                throw new BadInputException(source + ": holds " + canonical + " twice, with and without the '"
                        + PREFIX + "' prefix");
            }
        }
        List<String> missing = layout.stream().map(TensorSpec::name).filter(n -> !byCanonical.containsKey(n))
                .toList();
        if (!missing.isEmpty()) {
            String extra = unexpected.isEmpty() ? "" : "; it also holds " + unexpected.size()
                    + " tensor(s) an OPT decoder does not have: " + list(List.copyOf(unexpected));
            throw new BadInputException(source + ": missing " + missing.size() + " of " + layout.size()
                    + " tensors this config needs: " + list(missing) + extra);
        }
        if (!unexpected.isEmpty()) {
            throw new BadInputException(source + ": holds " + unexpected.size() + " unexpected tensor(s) an OPT"
                    + " decoder with this config does not have: " + list(List.copyOf(unexpected)));
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        layout.forEach(s -> ordered.put(s.name(), byCanonical.get(s.name())));
        return Collections.unmodifiableMap(ordered);
    }

    /**
     * Checks the shape of every tensor against {@code config}'s layout.
     *
     * @param shapes shape by canonical name; may include {@link #LM_HEAD}, which must be {@code [V, C]}
     */
    public static void checkShapes(OptConfig config, Map<String, long[]> shapes, String source) {
        List<String> wrong = new ArrayList<>();
        List<TensorSpec> expected = new ArrayList<>(layout(config));
        if (shapes.containsKey(LM_HEAD)) {
            expected.add(TensorSpec.of(LM_HEAD, config.vocabSize(), config.hiddenSize()));
        }
        for (TensorSpec spec : expected) {
            long[] got = shapes.get(spec.name());
            if (got != null && !Arrays.equals(got, spec.shape())) {
                wrong.add(shapeError(spec, got));
            }
        }
        if (!wrong.isEmpty()) {
            String more = wrong.size() == 1 ? ""
                    : " (and " + (wrong.size() - 1) + " more tensor(s) of the wrong shape)";
            throw new BadInputException(source + ": " + wrong.get(0) + more);
        }
    }

    /** {@code "<name>: expected [a, b] for this config, got [c, d]"}, with a hint when merely transposed. */
    public static String shapeError(TensorSpec expected, long[] got) {
        long[] reversed = expected.shape();
        for (int i = 0; i < reversed.length / 2; i++) {
            long t = reversed[i];
            reversed[i] = reversed[reversed.length - 1 - i];
            reversed[reversed.length - 1 - i] = t;
        }
        String hint = reversed.length == 2 && Arrays.equals(reversed, got) && reversed[0] != reversed[1]
                ? " (transposed? linear weights are stored [out, in] like torch.nn.Linear)" : "";
        return expected.name() + ": expected " + expected.shapeString() + " for this config, got "
                + Tensor.format(got) + hint;
    }

    private static String list(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
        return names.size() > LISTED ? shown + " and " + (names.size() - LISTED) + " more" : shown;
    }
}
