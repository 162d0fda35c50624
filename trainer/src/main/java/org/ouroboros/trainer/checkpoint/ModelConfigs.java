package org.ouroboros.trainer.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.trainer.engine.OptConfig;

/** Turns a {@code --model-config} value (a preset name or an OPT config.json) into an {@link OptConfig}. */
public final class ModelConfigs {
    private ModelConfigs() {
    }

    /**
     * The named shape fitted to a tokenizer: presets take the tokenizer's vocabulary and special ids
     * (except {@code opt-125m}, which keeps OPT's), and the position table grows to {@code minPositions}.
     */
    public static OptConfig resolve(String spec, int vocab, int bos, int eos, int pad, int minPositions) {
        OptConfig c;
        Path file = Path.of(spec);
        if (Files.isRegularFile(file) || Files.isDirectory(file)) {
            c = OptCheckpointConfig.read(Files.isDirectory(file) ? file.resolve(OptCheckpointConfig.FILE_NAME) : file);
        } else {
            c = OptConfig.preset(spec);
            if (!spec.equalsIgnoreCase("opt-125m")) {
                c = c.withVocab(vocab, bos, eos, pad);
            }
        }
        if (c.vocabSize() < vocab) {
            throw new BadInputException("model config '" + spec + "' has vocab_size " + c.vocabSize()
                    + " but the tokenizer has " + vocab + " tokens");
        }
        return c.maxPositions() >= minPositions ? c : c.withMaxPositions(minPositions);
    }
}
