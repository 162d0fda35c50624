package org.ouroboros.data.tokenize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ouroboros.cli.Json;
import org.ouroboros.io.AtomicFiles;

/**
 * Writes a {@link BpeModel} as a HuggingFace tokenizer directory: {@code tokenizer.json} (BPE model,
 * ByteLevel pre-tokenizer and decoder, {@code <pad>} and {@code </s>} as special added tokens) plus
 * {@code tokenizer_config.json} and {@code special_tokens_map.json} so other tools find bos/eos/pad.
 */
public final class TokenizerJson {
    public static final String FILE = "tokenizer.json";

    private TokenizerJson() {
    }

    /** Writes the three files into {@code dir} (each atomically). */
    public static void write(BpeModel model, Path dir) {
        AtomicFiles.writeString(dir.resolve(FILE), Json.writePretty(tokenizer(model)));
        Map<String, Object> specials = new LinkedHashMap<>();
        specials.put("bos_token", BpeModel.EOS);
        specials.put("eos_token", BpeModel.EOS);
        specials.put("pad_token", BpeModel.PAD);
        specials.put("unk_token", null);
        AtomicFiles.writeString(dir.resolve("special_tokens_map.json"), Json.writePretty(specials));
        Map<String, Object> config = new LinkedHashMap<>(specials);
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        config.put("add_prefix_space", false);
        config.put("model_max_length", 1_000_000_000);
        AtomicFiles.writeString(dir.resolve("tokenizer_config.json"), Json.writePretty(config));
    }

    static Map<String, Object> tokenizer(BpeModel model) {
        List<Map<String, Object>> added = new ArrayList<>();
        for (String s : model.specials()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", model.vocab().get(s));
            t.put("content", s);
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
            added.add(t);
        }
        Map<String, Object> byteLevel = new LinkedHashMap<>();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", true);
        byteLevel.put("use_regex", true);
        List<String> merges = new ArrayList<>();
        model.merges().forEach(m -> merges.add(m[0] + " " + m[1]));
        Map<String, Object> bpe = new LinkedHashMap<>();
        bpe.put("type", "BPE");
        bpe.put("dropout", null);
        bpe.put("unk_token", null);
        bpe.put("continuing_subword_prefix", "");
        bpe.put("end_of_word_suffix", "");
        bpe.put("fuse_unk", false);
        bpe.put("byte_fallback", false);
        bpe.put("vocab", model.vocab());
        bpe.put("merges", merges);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", added);
        root.put("normalizer", null);
        root.put("pre_tokenizer", byteLevel);
        root.put("post_processor", null);
        root.put("decoder", byteLevel);
        root.put("model", bpe);
        return root;
    }
}
