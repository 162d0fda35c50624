package org.ouroboros.trainer.sample;

import org.ouroboros.cli.BadInputException;

/**
 * Generation settings with HuggingFace's meanings.
 *
 * @param strategy           greedy, beam or sample
 * @param maxNewTokens       tokens generated per prompt at most
 * @param minNewTokens       EOS is forbidden before this many new tokens (set equal to max for fixed length)
 * @param beams              beam width (beam strategy)
 * @param temperature        divides the logits (sample strategy); 1 = unchanged
 * @param topK               keep the k most likely tokens (0 = off)
 * @param topP               keep the smallest set with cumulative probability >= p (1 = off)
 * @param repetitionPenalty  HF's penalty on tokens already in the sequence (1 = off; the paper's code uses 3)
 * @param noRepeatNgramSize  HF's no_repeat_ngram_size: no n-gram of this size twice in a sequence, prompt
 *                           included (0 = off)
 * @param lengthPenalty      beam score = sum logprob / generated length ^ lengthPenalty
 * @param seed               seeds sampling; each prompt has its own stream so batching does not matter
 */
public record SamplingConfig(Strategy strategy, int maxNewTokens, int minNewTokens, int beams, double temperature,
                             int topK, double topP, double repetitionPenalty, int noRepeatNgramSize,
                             double lengthPenalty, long seed) {
    public SamplingConfig {
        check(strategy != null, "strategy is required");
        check(maxNewTokens > 0, "max new tokens must be positive, got " + maxNewTokens);
        check(minNewTokens >= 0 && minNewTokens <= maxNewTokens,
                "min new tokens must lie in [0, max new tokens], got " + minNewTokens);
        check(beams >= 1, "beams must be >= 1, got " + beams);
        check(temperature > 0, "temperature must be > 0, got " + temperature);
        check(topK >= 0, "top-k must be >= 0, got " + topK);
        check(topP > 0 && topP <= 1, "top-p must lie in (0, 1], got " + topP);
        check(repetitionPenalty > 0, "repetition penalty must be > 0, got " + repetitionPenalty);
        check(noRepeatNgramSize >= 0, "no-repeat n-gram size must be >= 0, got " + noRepeatNgramSize);
    }

    public static SamplingConfig greedy(int maxNewTokens) {
        return new SamplingConfig(Strategy.GREEDY, maxNewTokens, 0, 1, 1.0, 0, 1.0, 1.0, 0, 1.0, 0);
    }

    public static SamplingConfig beam(int beams, int maxNewTokens) {
        return new SamplingConfig(Strategy.BEAM, maxNewTokens, 0, beams, 1.0, 0, 1.0, 1.0, 0, 1.0, 0);
    }

    public static SamplingConfig sample(double temperature, int topK, double topP, int maxNewTokens, long seed) {
        return new SamplingConfig(Strategy.SAMPLE, maxNewTokens, 0, 1, temperature, topK, topP, 1.0, 0, 1.0, seed);
    }

    public SamplingConfig withMinNewTokens(int min) {
        return new SamplingConfig(strategy, maxNewTokens, min, beams, temperature, topK, topP, repetitionPenalty,
                noRepeatNgramSize, lengthPenalty, seed);
    }

    public SamplingConfig withRepetitionPenalty(double penalty) {
        return new SamplingConfig(strategy, maxNewTokens, minNewTokens, beams, temperature, topK, topP, penalty,
                noRepeatNgramSize, lengthPenalty, seed);
    }

    public SamplingConfig withNoRepeatNgramSize(int n) {
        return new SamplingConfig(strategy, maxNewTokens, minNewTokens, beams, temperature, topK, topP,
                repetitionPenalty, n, lengthPenalty, seed);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new BadInputException("invalid sampling settings: " + message);
        }
    }
}
