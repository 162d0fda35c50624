package org.ouroboros.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.trainer.engine.OptConfig;

class OptCheckpointConfigTest {
    /** facebook/opt-125m's config.json as published on the HuggingFace hub (from memory; key order as there). */
    static final String OPT_125M = """
            {
              "_name_or_path": "facebook/opt-125m",
              "_remove_final_layer_norm": false,
              "activation_dropout": 0.0,
              "activation_function": "relu",
              "architectures": ["OPTForCausalLM"],
              "attention_dropout": 0.0,
              "bos_token_id": 2,
              "do_layer_norm_before": true,
              "dropout": 0.1,
              "eos_token_id": 2,
              "ffn_dim": 3072,
              "hidden_size": 768,
              "init_std": 0.02,
              "layerdrop": 0.0,
              "max_position_embeddings": 2048,
              "model_type": "opt",
              "num_attention_heads": 12,
              "num_hidden_layers": 12,
              "pad_token_id": 1,
              "prefix": "</s>",
              "torch_dtype": "float16",
              "transformers_version": "4.21.0.dev0",
              "use_cache": true,
              "vocab_size": 50272,
              "word_embed_proj_dim": 768
            }
            """;

    /** facebook/opt-350m's: post-LayerNorm and a 512-wide embedding projected to 1024. */
    static final String OPT_350M = OPT_125M
            .replace("\"do_layer_norm_before\": true", "\"do_layer_norm_before\": false")
            .replace("\"word_embed_proj_dim\": 768", "\"word_embed_proj_dim\": 512")
            .replace("\"hidden_size\": 768", "\"hidden_size\": 1024")
            .replace("\"ffn_dim\": 3072", "\"ffn_dim\": 4096")
            .replace("\"num_attention_heads\": 12", "\"num_attention_heads\": 16")
            .replace("\"num_hidden_layers\": 12", "\"num_hidden_layers\": 24");

    @TempDir
    Path dir;

    @Test
    void realOpt125mConfigParsesToItsShape() {
        OptConfig parsed = OptCheckpointConfig.parse(OPT_125M, "opt-125m/config.json");
        assertEquals(new OptConfig(50272, 768, 12, 12, 3072, 2048, 2, 2, 1), parsed);
    }

    @Test
    void opt350mIsRejectedNamingBothOffendingFields() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> OptCheckpointConfig.parse(OPT_350M, "opt-350m/config.json"));
        assertTrue(e.getMessage().startsWith("opt-350m/config.json: unsupported OPT variant: "), e.getMessage());
        assertTrue(e.getMessage().contains("do_layer_norm_before is false"), e.getMessage());
        assertTrue(e.getMessage().contains("word_embed_proj_dim 512 differs from hidden_size 1024"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"activation_function\": \"gelu\"                | activation_function is \"gelu\"",
        "\"enable_bias\": false                           | enable_bias is false",
        "\"layer_norm_elementwise_affine\": false         | layer_norm_elementwise_affine is false",
        "\"_remove_final_layer_norm\": true               | _remove_final_layer_norm is true",
        "\"tie_word_embeddings\": false                   | tie_word_embeddings is false",
        "\"model_type\": \"gpt2\"                         | model_type is \"gpt2\", expected \"opt\"",
        "\"hidden_size\": \"768\"                         | hidden_size must be an integer, got \"768\"",
        "\"vocab_size\": 50272.5                          | vocab_size must be an integer, got 50272.5",
        "\"pad_token_id\": null                           | pad_token_id must be an integer, got null",
        "\"do_layer_norm_before\": \"yes\"                | do_layer_norm_before must be true or false",
        "\"num_attention_heads\": 7 | hidden_size (768) must be divisible by num_attention_heads (7)",
        "\"pad_token_id\": 50272                          | special token ids (bos 2, eos 2, pad 50272) must lie in",
    })
    void unsupportedOrInvalidFieldIsNamed(String override, String fragment) {
        String key = override.substring(0, override.indexOf(':') + 1);
        String json = OPT_125M.contains(key)
                ? OPT_125M.replaceFirst(Pattern.quote(key) + " [^,\\n]+", override.replace("$", "\\$"))
                : OPT_125M.replace("{\n", "{\n  " + override + ",\n");
        BadInputException e = assertThrows(BadInputException.class, () -> OptCheckpointConfig.parse(json, "c.json"));
        assertTrue(e.getMessage().startsWith("c.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "ffn_dim",
        "max_position_embeddings", "bos_token_id", "eos_token_id", "pad_token_id"})
    void missingRequiredFieldIsNamed(String field) {
        String json = OPT_125M.replaceFirst("\\s*\"" + field + "\": [^,\\n]+,?", "");
        BadInputException e = assertThrows(BadInputException.class, () -> OptCheckpointConfig.parse(json, "c.json"));
        assertEquals("c.json: missing required field " + field, e.getMessage());
    }

    @Test
    void optionalVariantFieldsDefaultLikeTransformers() {
        String minimal = """
                {"vocab_size": 32, "hidden_size": 8, "num_hidden_layers": 2, "num_attention_heads": 2,
                 "ffn_dim": 16, "max_position_embeddings": 16, "bos_token_id": 1, "eos_token_id": 1,
                 "pad_token_id": 0, "word_embed_proj_dim": null}""";
        assertEquals(new OptConfig(32, 8, 2, 2, 16, 16, 1, 1, 0), OptCheckpointConfig.parse(minimal, "m"));
    }

    @Test
    void notJsonOrNotAnObjectIsRejected() {
        BadInputException notJson = assertThrows(BadInputException.class, () -> OptCheckpointConfig.parse("{", "c"));
        assertTrue(notJson.getMessage().startsWith("c: not valid JSON"), notJson.getMessage());
        BadInputException array = assertThrows(BadInputException.class, () -> OptCheckpointConfig.parse("[]", "c"));
        assertTrue(array.getMessage().contains("expected a JSON object"), array.getMessage());
        BadInputException missing = assertThrows(BadInputException.class,
                () -> OptCheckpointConfig.read(dir.resolve("config.json")));
        assertTrue(missing.getMessage().endsWith("config.json: no such file"), missing.getMessage());
    }

    @Test
    void writtenConfigRoundTripsAndCarriesEveryHuggingFaceField() throws Exception {
        OptConfig config = new OptConfig(32, 8, 2, 2, 16, 16, 1, 2, 0);
        Path file = dir.resolve("config.json");
        OptCheckpointConfig.write(file, config, DType.BF16);
        assertEquals(config, OptCheckpointConfig.read(file));

        JsonNode json = Json.MAPPER.readTree(Files.readString(file));
        assertEquals("OPTForCausalLM", json.get("architectures").get(0).textValue());
        assertEquals("bfloat16", json.get("torch_dtype").textValue());
        assertEquals(8, json.get("word_embed_proj_dim").intValue());
        assertEquals(0.1, json.get("dropout").doubleValue());
        for (String field : new String[] {"model_type", "do_layer_norm_before", "activation_function",
            "enable_bias", "layer_norm_elementwise_affine", "attention_dropout", "init_std", "layerdrop",
            "use_cache", "_remove_final_layer_norm", "tie_word_embeddings"}) {
            assertTrue(json.has(field), field);
        }
    }

    @Test
    void presetsRoundTrip() {
        for (String name : new String[] {"tiny", "small", "opt-125m"}) {
            OptConfig config = OptConfig.preset(name);
            assertEquals(config, OptCheckpointConfig.parse(OptCheckpointConfig.toJson(config, DType.F32), name));
        }
    }
}
