package org.ouroboros.experiments.config;

import static org.ouroboros.experiments.config.ConfigErrors.orDefault;
import static org.ouroboros.experiments.config.ConfigErrors.require;

import java.util.Locale;
import org.ouroboros.trainer.sample.SamplingConfig;
import org.ouroboros.trainer.sample.Strategy;

/**
 * How each generation writes its synthetic corpus. Prompted (the paper): every real training block is
 * continued by {@code newTokens} tokens and those new tokens are one synthetic example, so the synthetic
 * corpus has as many examples as the real training set. Unprompted: {@code sequences} continuations of BOS.
 *
 * @param prompted           continue real training blocks (true) or start from BOS (false)
 * @param sequences          unprompted only: how many sequences (0 = as many as real training blocks)
 * @param strategy           beam | greedy | sample
 * @param beams              beam width (the paper: 5)
 * @param newTokens          tokens per synthetic example (the paper: 64 = the block size)
 * @param minNewTokens       EOS forbidden before this many tokens; null = newTokens (fixed length)
 * @param temperature        sample strategy
 * @param topK               sample strategy (0 = off)
 * @param topP               sample strategy (1 = off)
 * @param repetitionPenalty  HF semantics; the paper's code uses 3.0, default off
 * @param noRepeatNgramSize  HF's no_repeat_ngram_size (prompt included); not in the paper's code, default 0 = off
 * @param batchSize          prompts decoded together
 */
public record GenerationConfig(Boolean prompted, Integer sequences, String strategy, Integer beams,
                               Integer newTokens, Integer minNewTokens, Double temperature, Integer topK,
                               Double topP, Double repetitionPenalty, Integer noRepeatNgramSize,
                               Integer batchSize) {
    public GenerationConfig {
        prompted = orDefault(prompted, true);
        sequences = orDefault(sequences, 0);
        strategy = orDefault(strategy, "beam").toLowerCase(Locale.ROOT);
        beams = orDefault(beams, 5);
        newTokens = orDefault(newTokens, 64);
        minNewTokens = orDefault(minNewTokens, newTokens);
        temperature = orDefault(temperature, 1.0);
        topK = orDefault(topK, 0);
        topP = orDefault(topP, 1.0);
        repetitionPenalty = orDefault(repetitionPenalty, 1.0);
        noRepeatNgramSize = orDefault(noRepeatNgramSize, 0);
        batchSize = orDefault(batchSize, 16);
        require(strategy.equals("beam") || strategy.equals("greedy") || strategy.equals("sample"),
                "generation.strategy", "expected beam, greedy or sample, got '" + strategy + "'");
        require(sequences >= 0, "generation.sequences", "must be >= 0");
        require(beams >= 1, "generation.beams", "must be >= 1, got " + beams);
        require(newTokens >= 2, "generation.new_tokens", "must be >= 2, got " + newTokens);
        require(minNewTokens >= 0 && minNewTokens <= newTokens, "generation.min_new_tokens",
                "must lie in [0, new_tokens], got " + minNewTokens);
        require(temperature > 0, "generation.temperature", "must be > 0");
        require(topK >= 0, "generation.top_k", "must be >= 0");
        require(topP > 0 && topP <= 1, "generation.top_p", "must lie in (0, 1]");
        require(repetitionPenalty > 0, "generation.repetition_penalty", "must be > 0");
        require(noRepeatNgramSize >= 0, "generation.no_repeat_ngram_size", "must be >= 0, got " + noRepeatNgramSize);
        require(batchSize >= 1, "generation.batch_size", "must be >= 1");
    }

    static GenerationConfig defaults() {
        return new GenerationConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The sampler's settings, seeded. */
    public SamplingConfig toSamplingConfig(long seed) {
        Strategy s = Strategy.valueOf(strategy.toUpperCase(Locale.ROOT));
        return new SamplingConfig(s, newTokens, minNewTokens, s == Strategy.BEAM ? beams : 1, temperature, topK,
                topP, repetitionPenalty, noRepeatNgramSize, 1.0, seed);
    }
}
