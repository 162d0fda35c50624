package org.ouroboros.experiments.config;

import static org.ouroboros.experiments.config.ConfigErrors.orDefault;
import static org.ouroboros.experiments.config.ConfigErrors.require;

/**
 * The tokenizer: an existing {@code tokenizer.json} (file or directory), or a byte-level BPE trained on the
 * corpus's training split at the start of the run. With {@code model.init: base} the base checkpoint's
 * tokenizer is used and these settings must be left out.
 *
 * @param path       existing tokenizer; null = train one
 * @param vocabSize  vocabulary of the trained BPE
 */
public record TokenizerConfig(String path, Integer vocabSize) {
    public TokenizerConfig {
        vocabSize = orDefault(vocabSize, 4096);
        require(vocabSize >= 260 && vocabSize <= 65535, "tokenizer.vocab_size",
                "must lie in [260, 65535], got " + vocabSize);
    }

    static TokenizerConfig defaults() {
        return new TokenizerConfig(null, null);
    }
}
