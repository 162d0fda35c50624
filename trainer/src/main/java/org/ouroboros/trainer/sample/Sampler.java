package org.ouroboros.trainer.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.ouroboros.trainer.engine.Decoder;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.Scores;

/**
 * Continues prompts with a KV-cache {@link Decoder}: the prompt is read once, then each step feeds only the
 * new token. Prompts of equal length are decoded together in batches. Returns the new tokens of each prompt
 * (without the EOS that ended it, if any). The choices run where the engine keeps the scores
 * ({@link Scores}); the uniforms of sampled draws come from per-prompt seeded generators here.
 */
public final class Sampler {
    private final LanguageModel model;
    private final SamplingConfig config;
    private final int batchSize;

    /** {@code batchSize} prompts share one forward pass (beam search: prompts, each with its beams). */
    public Sampler(LanguageModel model, SamplingConfig config, int batchSize) {
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
        int done = 0;
        for (List<Integer> group : byLength.values()) {
            for (int from = 0; from < group.size(); from += batchSize) {
                List<Integer> chunk = group.subList(from, Math.min(group.size(), from + batchSize));
                int[][] rows = new int[chunk.size()][];
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = prompts.get(chunk.get(r));
                }
                int[][] generated = config.strategy() == Strategy.BEAM
                        ? new BeamSearch(model, config).run(rows)
                        : decode(rows, chunk);
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
    private int[][] decode(int[][] prompts, List<Integer> ids) {
        int b = prompts.length;
        int p = prompts[0].length;
        int max = config.maxNewTokens();
        int eos = model.config().eosTokenId();
        int[][] history = new int[b][p + max];
        int[] generated = new int[b];
        boolean[] finished = new boolean[b];
        SplittableRandom[] rng = new SplittableRandom[b];
        for (int r = 0; r < b; r++) {
            System.arraycopy(prompts[r], 0, history[r], 0, p);
            rng[r] = new SplittableRandom(config.seed() * 1_000_003L + ids.get(r));
        }
        try (Decoder decoder = model.newDecoder(b, p + max)) {
            Scores scores = decoder.step(prompts);
            for (int step = 0; step < max; step++) {
                int[] picks = choose(scores, history, p, generated, finished, rng);
                int[][] next = new int[b][1];
                boolean any = false;
                for (int r = 0; r < b; r++) {
                    next[r][0] = finished[r] ? eos : picks[r];
                    if (finished[r]) {
                        continue;
                    }
                    if (picks[r] == eos) {
                        finished[r] = true;
                    } else {
                        history[r][p + generated[r]++] = picks[r];
                        any = true;
                    }
                }
                if (!any || step == max - 1) {
                    break;
                }
                scores = decoder.step(next);
            }
        }
        int[][] out = new int[b][];
        for (int r = 0; r < b; r++) {
            out[r] = Arrays.copyOfRange(history[r], p, p + generated[r]);
        }
        return out;
    }

    /** Each row's next token (finished rows' picks are ignored and draw no uniform). */
    private int[] choose(Scores scores, int[][] history, int p, int[] generated, boolean[] finished,
                         SplittableRandom[] rng) {
        int b = history.length;
        int[] lengths = new int[b];
        boolean[] noEos = new boolean[b];
        for (int r = 0; r < b; r++) {
            lengths[r] = p + generated[r];
            noEos[r] = generated[r] < config.minNewTokens();
        }
        scores.repetitionPenalty(history, lengths, config.repetitionPenalty());
        Forbidden.apply(scores, history, lengths, config.noRepeatNgramSize(), noEos, model.config().eosTokenId());
        if (config.strategy() == Strategy.GREEDY) {
            return scores.argmax();
        }
        double[] uniforms = new double[b];
        for (int r = 0; r < b; r++) {
            uniforms[r] = finished[r] ? 0.0 : rng[r].nextDouble();
        }
        return scores.sample(config.temperature(), config.topK(), config.topP(), uniforms);
    }
}
