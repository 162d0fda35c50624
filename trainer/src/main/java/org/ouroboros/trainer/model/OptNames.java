package org.ouroboros.trainer.model;

/** HuggingFace tensor names of {@code OPTForCausalLM}, with the {@code model.} prefix. */
public final class OptNames {
    public static final String EMBED_TOKENS = "model.decoder.embed_tokens.weight";
    public static final String EMBED_POSITIONS = "model.decoder.embed_positions.weight";
    public static final String FINAL_NORM_WEIGHT = "model.decoder.final_layer_norm.weight";
    public static final String FINAL_NORM_BIAS = "model.decoder.final_layer_norm.bias";

    private OptNames() {
    }

    /** {@code model.decoder.layers.<i>.<suffix>}, e.g. {@code layer(0, "fc1.weight")}. */
    public static String layer(int i, String suffix) {
        return "model.decoder.layers." + i + "." + suffix;
    }
}
