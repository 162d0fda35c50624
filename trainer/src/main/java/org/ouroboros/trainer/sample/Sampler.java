package org.ouroboros.trainer.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ouroboros.trainer.engine.nd4j.DecodeWeights;
import org.ouroboros.trainer.engine.nd4j.KvCache;
import org.ouroboros.trainer.engine.nd4j.OptModel;

/**
 * Continues prompts with a {@link KvCache}: the prompt is read once, then each step feeds only the new
 * token. Prompts of equal length are decoded together in batches. Returns the new tokens of each prompt
 * (without the EOS that ended it, if any).
 */
public final class Sampler {
    private final OptModel model;
    private final SamplingConfig config;
    private final int batchSize;

    /** {@code batchSize} prompts share one forward pass (beam search: prompts, each with its beams). */
    public Sampler(OptModel model, SamplingConfig config, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.config = config;
        this.batchSize = batchSize;
    }

    /** New tokens for every prompt, in prompt order; {@code onDone} receives the number finished so far. */
    public List<int[]> generate(List<int[]> prompts, IntConsumer onDone) {
        int[][] out = new int[prompts.size()][];
        Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
        for (int i = 0; i < prompts.size(); i++) {
            int len = prompts.get(i).length;
            if (len == 0) {
                throw new IllegalArgumentException("prompt " + i + " is empty; start it with the BOS token");
            }
            if (len + config.maxNewTokens() > model.config().maxPositions()) {
                throw new IllegalArgumentException("prompt " + i + " (" + len + " tokens) plus "
                        + config.maxNewTokens() + " new tokens exceeds the model's " + model.config().maxPositions()
                        + " positions");
            }
            byLength.computeIfAbsent(len, k -> new ArrayList<>()).add(i);
        }
        DecodeWeights weights = model.decodeWeights();
        int done = 0;
        for (List<Integer> group : byLength.values()) {
            for (int from = 0; from < group.size(); from += batchSize) {
                List<Integer> chunk = group.subList(from, Math.min(group.size(), from + batchSize));
                int[][] rows = new int[chunk.size()][];
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = prompts.get(chunk.get(r));
                }
                int[][] generated = config.strategy() == Strategy.BEAM
                        ? new BeamSearch(model, config, weights).run(rows)
                        : decode(rows, chunk, weights);
                for (int r = 0; r < rows.length; r++) {
                    out[chunk.get(r)] = generated[r];
                }
                done += rows.length;
                onDone.accept(done);
            }
        }
        return Arrays.asList(out);
    }

    /** Greedy or sampled continuation of equal-length prompts; {@code ids} are their global indices (for seeding). */
    private int[][] decode(int[][] prompts, List<Integer> ids, DecodeWeights weights) {
        int b = prompts.length;
        int p = prompts[0].length;
        int max = config.maxNewTokens();
        int eos = model.config().eosTokenId();
        KvCache cache = model.newCache(b, p + max, weights);
        int[][] history = new int[b][p + max];
        int[] generated = new int[b];
        boolean[] finished = new boolean[b];
        SplittableRandom[] rng = new SplittableRandom[b];
        for (int r = 0; r < b; r++) {
            System.arraycopy(prompts[r], 0, history[r], 0, p);
            rng[r] = new SplittableRandom(config.seed() * 1_000_003L + ids.get(r));
        }
        INDArray logits = model.decode(cache, prompts);
        for (int step = 0; step < max; step++) {
            float[][] scores = logits.castTo(DataType.FLOAT).toFloatMatrix();
            int[][] next = new int[b][1];
            boolean any = false;
            for (int r = 0; r < b; r++) {
                if (finished[r]) {
                    next[r][0] = eos;
                    continue;
                }
                int token = choose(scores[r], history[r], p + generated[r], generated[r], rng[r]);
                next[r][0] = token;
                if (token == eos) {
                    finished[r] = true;
                } else {
                    history[r][p + generated[r]++] = token;
                    any = true;
                }
            }
            if (!any || step == max - 1) {
                break;
            }
            logits = model.decode(cache, next);
        }
        int[][] out = new int[b][];
        for (int r = 0; r < b; r++) {
            out[r] = Arrays.copyOfRange(history[r], p, p + generated[r]);
        }
        return out;
    }

    private int choose(float[] scores, int[] history, int length, int generated, SplittableRandom rng) {
        LogitsProcessors.repetitionPenalty(scores, history, length, config.repetitionPenalty());
        LogitsProcessors.minNewTokens(scores, generated, config.minNewTokens(), model.config().eosTokenId());
        if (config.strategy() == Strategy.GREEDY) {
            return LogitsProcessors.argmax(scores);
        }
        LogitsProcessors.temperature(scores, config.temperature());
        LogitsProcessors.topK(scores, config.topK());
        LogitsProcessors.topP(scores, config.topP());
        return LogitsProcessors.multinomial(scores, rng);
    }
}
