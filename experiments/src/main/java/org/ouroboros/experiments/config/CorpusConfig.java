package org.ouroboros.experiments.config;

import static org.ouroboros.experiments.config.ConfigErrors.orDefault;
import static org.ouroboros.experiments.config.ConfigErrors.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.ouroboros.data.corpus.ParagraphBreak;

/**
 * Which real text the run uses.
 *
 * @param source           {@code brown}, or a path (wikitext-2 raw dir, text dir, JSONL dir), optionally
 *                         prefixed {@code wikitext:}, {@code text:}, {@code jsonl:}
 * @param splitSeed        seeds the train/valid/test split of corpora split here (Brown); null = the run seed
 * @param maxTrainBlocks   use at most this many real training blocks (0 = all), drawn with the split seed
 * @param maxEvalBlocks    evaluate on at most this many validation/test blocks each (0 = all)
 * @param genres           only these genres (category names, or Brown's halves {@code informative} and
 *                         {@code imaginative}); empty = all. Left out of the resolved config when empty.
 * @param paragraphBreak   how paragraphs are separated in the text ({@link ParagraphBreak}: {@code "\n\n"},
 *                         Brown's blank line, the default; {@code "\n"}; {@code " "}); the base's corpus of a
 *                         {@code pretrain} section is written the same way. Null (left out of the resolved
 *                         config) for the default, so configs without it keep their hash.
 */
public record CorpusConfig(String source, Long splitSeed, Integer maxTrainBlocks, Integer maxEvalBlocks,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> genres,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String paragraphBreak) {
    public CorpusConfig {
        source = orDefault(source, "brown");
        maxTrainBlocks = orDefault(maxTrainBlocks, 0);
        maxEvalBlocks = orDefault(maxEvalBlocks, 0);
        genres = List.copyOf(orDefault(genres, List.of()));
        require(!source.isBlank(), "corpus.source", "must name a corpus (brown or a path)");
        require(maxTrainBlocks >= 0, "corpus.max_train_blocks", "must be >= 0, got " + maxTrainBlocks);
        require(genres.stream().noneMatch(String::isBlank), "corpus.genres", "must not hold a blank name");
        require(maxEvalBlocks >= 0, "corpus.max_eval_blocks", "must be >= 0, got " + maxEvalBlocks);
        ParagraphBreak pb = ParagraphBreak.of(paragraphBreak, "config key 'corpus.paragraph_break'");
        paragraphBreak = pb == ParagraphBreak.DEFAULT ? null : pb.text();
    }

    /** The paragraph separator of the run's text (and its base's). */
    public ParagraphBreak paragraphs() {
        return ParagraphBreak.of(paragraphBreak, "corpus.paragraph_break");
    }

    static CorpusConfig defaults() {
        return new CorpusConfig(null, null, null, null, null, null);
    }
}
