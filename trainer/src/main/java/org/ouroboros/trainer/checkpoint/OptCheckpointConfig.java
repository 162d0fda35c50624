package org.ouroboros.trainer.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.io.AtomicFiles;
import org.ouroboros.trainer.engine.OptConfig;

/**
 * HuggingFace's {@code config.json} for OPT, mapped to and from {@link OptConfig}. Writing produces what
 * {@code OPTForCausalLM.from_pretrained} expects, with OPT-125m's values for the training-only fields our
 * model has no notion of (dropout 0.1, init_std 0.02, ...). Reading ignores keys it does not know (real
 * configs carry many) but refuses the OPT variants our decoder does not implement, naming the field.
 */
public final class OptCheckpointConfig {
    /** The file name inside a model directory. */
    public static final String FILE_NAME = "config.json";

    private OptCheckpointConfig() {
    }

    /** Reads {@code file}; throws {@link BadInputException} if it is missing, malformed or an unsupported variant. */
    public static OptConfig read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses config.json text; {@code source} names it in errors. */
    public static OptConfig parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(source + ": expected a JSON object (a HuggingFace config.json)");
        }
        Fields f = new Fields(root, source);
        String modelType = f.optionalText("model_type", "opt");
        if (!modelType.equals("opt")) {
            throw new BadInputException(source + ": model_type is \"" + modelType + "\", expected \"opt\"");
        }
        int hidden = f.requiredInt("hidden_size");
        checkVariant(f, hidden, source);
        int vocab = f.requiredInt("vocab_size");
        int layers = f.requiredInt("num_hidden_layers");
        int heads = f.requiredInt("num_attention_heads");
        int ffn = f.requiredInt("ffn_dim");
        int positions = f.requiredInt("max_position_embeddings");
        int bos = f.requiredInt("bos_token_id");
        int eos = f.requiredInt("eos_token_id");
        int pad = f.requiredInt("pad_token_id");
        try {
            return new OptConfig(vocab, hidden, layers, heads, ffn, positions, bos, eos, pad);
        } catch (BadInputException e) {
            throw new BadInputException(source + ": " + e.getMessage(), e);
        }
    }

    /** Collects every field that asks for an OPT variant we do not implement into one message. */
    private static void checkVariant(Fields f, int hidden, String source) {
        List<String> problems = new ArrayList<>();
        if (!f.optionalBoolean("do_layer_norm_before", true)) {
            problems.add("do_layer_norm_before is false (post-LayerNorm blocks, as in OPT-350m)");
        }
        int projDim = f.optionalInt("word_embed_proj_dim", hidden);
        if (projDim != hidden) {
            problems.add("word_embed_proj_dim " + projDim + " differs from hidden_size " + hidden
                    + " (project_in/project_out layers, as in OPT-350m)");
        }
        String activation = f.optionalText("activation_function", "relu");
        if (!activation.equals("relu")) {
            problems.add("activation_function is \"" + activation + "\" (only \"relu\" is implemented)");
        }
        if (!f.optionalBoolean("enable_bias", true)) {
            problems.add("enable_bias is false (linear layers without biases)");
        }
        if (!f.optionalBoolean("layer_norm_elementwise_affine", true)) {
            problems.add("layer_norm_elementwise_affine is false (LayerNorms without weight and bias)");
        }
        if (f.optionalBoolean("_remove_final_layer_norm", false)) {
            problems.add("_remove_final_layer_norm is true (no final LayerNorm)");
        }
        if (!f.optionalBoolean("tie_word_embeddings", true)) {
            problems.add("tie_word_embeddings is false (a separate lm_head; ours is tied to embed_tokens)");
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(source + ": unsupported OPT variant: " + String.join("; ", problems)
                    + ". Ouroboros implements the pre-LayerNorm, ReLU, biased, tied-embedding OPT"
                    + " (opt-125m, opt-1.3b, opt-2.7b, ...)");
        }
    }

    /**
     * The config.json text for {@code config} whose weights are stored as {@code weightsDtype}; keys sorted
     * as {@code transformers} writes them.
     */
    public static String toJson(OptConfig config, DType weightsDtype) {
        Map<String, Object> m = new TreeMap<>();
        m.put("architectures", List.of("OPTForCausalLM"));
        m.put("model_type", "opt");
        m.put("vocab_size", config.vocabSize());
        m.put("hidden_size", config.hiddenSize());
        m.put("num_hidden_layers", config.numLayers());
        m.put("num_attention_heads", config.numHeads());
        m.put("ffn_dim", config.ffnDim());
        m.put("max_position_embeddings", config.maxPositions());
        m.put("word_embed_proj_dim", config.hiddenSize());
        m.put("do_layer_norm_before", true);
        m.put("activation_function", "relu");
        m.put("enable_bias", true);
        m.put("layer_norm_elementwise_affine", true);
        m.put("_remove_final_layer_norm", false);
        m.put("tie_word_embeddings", true);
        m.put("bos_token_id", config.bosTokenId());
        m.put("eos_token_id", config.eosTokenId());
        m.put("pad_token_id", config.padTokenId());
        m.put("torch_dtype", weightsDtype.torchName());
        m.put("dropout", 0.1);
        m.put("attention_dropout", 0.0);
        m.put("activation_dropout", 0.0);
        m.put("init_std", 0.02);
        m.put("layerdrop", 0.0);
        m.put("use_cache", true);
        return Json.writePretty(m) + "\n";
    }

    /** Writes {@link #toJson} to {@code file} atomically. */
    public static void write(Path file, OptConfig config, DType weightsDtype) {
        AtomicFiles.writeString(file, toJson(config, weightsDtype));
    }

    /** Typed access to config.json fields, with errors naming the field and the file. */
    private record Fields(JsonNode root, String source) {
        int requiredInt(String name) {
            JsonNode v = root.get(name);
            if (v == null) {
                throw new BadInputException(source + ": missing required field " + name);
            }
            return asInt(name, v);
        }

        int optionalInt(String name, int fallback) {
            JsonNode v = root.get(name);
            return v == null || v.isNull() ? fallback : asInt(name, v);
        }

        boolean optionalBoolean(String name, boolean fallback) {
            JsonNode v = root.get(name);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isBoolean()) {
                throw new BadInputException(source + ": " + name + " must be true or false, got " + v);
            }
            return v.booleanValue();
        }

        String optionalText(String name, String fallback) {
            JsonNode v = root.get(name);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isTextual()) {
                throw new BadInputException(source + ": " + name + " must be a string, got " + v);
            }
            return v.textValue();
        }

        private int asInt(String name, JsonNode v) {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new BadInputException(source + ": " + name + " must be an integer, got " + v);
            }
            return v.intValue();
        }
    }
}
