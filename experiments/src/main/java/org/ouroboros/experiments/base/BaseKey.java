package org.ouroboros.experiments.base;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.config.TrainingConfig;
import org.ouroboros.io.Hashing;

/**
 * Everything that determines a pretrained base, hashed into its place in the data cache: the corpus (its
 * spec, the SHA-256 of the selected documents' ids, genres and texts, so a changed parser or package makes
 * a new base), the genres, the split, the block caps, the tokenizer's vocabulary (the BPE is trained on
 * the selection, deterministically), the model config, the training settings, the seed and the engine.
 *
 * @param format        bumped when pretraining itself changes, so older bases are not reused
 * @param source        corpus spec
 * @param corpusSha256  content of the selected corpus (every split)
 * @param genres        the selection as given
 * @param splitSeed     seed of the document split
 * @param maxTrainBlocks block caps
 * @param maxEvalBlocks  block caps
 * @param vocabSize     the BPE's vocabulary
 * @param model         model config name, or the SHA-256 of a config.json file
 * @param maxPositions  position table
 * @param blockSize     tokens per training block
 * @param training      optimiser settings
 * @param seed          initialisation and block order
 * @param engine        what computes the model (e.g. {@code nd4j CPU})
 * @param paragraphBreak the corpus's paragraph separator ({@code corpus.paragraph_break}); null, and left out
 *                       of the JSON (so older keys keep their hash), for Brown's default blank line
 */
public record BaseKey(int format, String source, String corpusSha256, List<String> genres, long splitSeed,
                      int maxTrainBlocks, int maxEvalBlocks, int vocabSize, String model, int maxPositions,
                      int blockSize, TrainingConfig training, long seed, String engine,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String paragraphBreak) {
    /** Current pretraining format. */
    public static final int FORMAT = 1;

    /** {@code name} as given, or {@code sha256:...} of the file when it names an OPT config.json. */
    public static String modelIdentity(String name) {
        Path p = Path.of(name);
        return Files.isRegularFile(p) ? "sha256:" + Hashing.sha256Hex(p) : name;
    }

    /** SHA-256 of the key's JSON. */
    public String sha256() {
        return Hashing.sha256Hex(Json.write(this));
    }
}
