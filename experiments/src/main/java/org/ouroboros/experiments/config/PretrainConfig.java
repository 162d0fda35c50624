package org.ouroboros.experiments.config;

import static org.ouroboros.experiments.config.ConfigErrors.orDefault;
import static org.ouroboros.experiments.config.ConfigErrors.require;

import java.util.List;

/**
 * The base model a fine-tuning run starts from, pretrained once and kept in the data cache (the role
 * OPT-125M's web-text pretraining plays in Shumailov et al.). The base reads the run's corpus
 * ({@code corpus.source}, same split seed) restricted to {@code genres}, trains its own byte-level BPE on
 * that training split (the fine-tuning run then uses the base's tokenizer, as the paper uses OPT's), its
 * paragraphs separated as {@code corpus.paragraph_break} says (one text form for base and fine-tune), and
 * is trained from scratch with {@code training}. Every setting, the corpus content and the engine make up
 * the cache key, so other runs and other configs with the same settings reuse it.
 *
 * @param source          corpus of the base; null = the run's {@code corpus.source}
 * @param genres          genres of the base's corpus (e.g. {@code [informative]}); empty = all
 * @param maxTrainBlocks  at most this many training blocks (0 = all)
 * @param maxEvalBlocks   at most this many validation/test blocks (0 = all)
 * @param vocabSize       vocabulary of the base's BPE
 * @param model           {@code tiny}, {@code small}, {@code opt-125m} or an OPT {@code config.json}
 * @param maxPositions    position table; null = what the fine-tuning run's generation needs
 * @param seed            initialisation and block order; null = the run's {@code seed}
 * @param training        optimiser settings of the pretraining (epochs, lr, ...)
 */
public record PretrainConfig(String source, List<String> genres, Integer maxTrainBlocks, Integer maxEvalBlocks,
                             Integer vocabSize, String model, Integer maxPositions, Long seed,
                             TrainingConfig training) {
    public PretrainConfig {
        genres = List.copyOf(orDefault(genres, List.of()));
        maxTrainBlocks = orDefault(maxTrainBlocks, 0);
        maxEvalBlocks = orDefault(maxEvalBlocks, 0);
        vocabSize = orDefault(vocabSize, 4096);
        model = orDefault(model, "small");
        training = orDefault(training, TrainingConfig.defaults());
        require(source == null || !source.isBlank(), "pretrain.source", "must name a corpus or be left out");
        require(genres.stream().noneMatch(String::isBlank), "pretrain.genres", "must not hold a blank name");
        require(maxTrainBlocks >= 0, "pretrain.max_train_blocks", "must be >= 0, got " + maxTrainBlocks);
        require(maxEvalBlocks >= 0, "pretrain.max_eval_blocks", "must be >= 0, got " + maxEvalBlocks);
        require(vocabSize >= 260 && vocabSize <= 65535, "pretrain.vocab_size",
                "must lie in [260, 65535], got " + vocabSize);
        require(!model.isBlank(), "pretrain.model", "must name a model config");
        require(maxPositions == null || maxPositions > 1, "pretrain.max_positions", "must be > 1");
    }
}
