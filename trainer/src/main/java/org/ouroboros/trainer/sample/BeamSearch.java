package org.ouroboros.trainer.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.ouroboros.trainer.engine.BeamCandidates;
import org.ouroboros.trainer.engine.Decoder;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.Scores;

/**
 * Beam search as HuggingFace's {@code generate(num_beams=k)} does it: per prompt, k running beams scored
 * by summed log-probability; each step takes the top 2k candidates, moves those ending in EOS to the
 * finished hypotheses (score / generated length ^ length penalty) and keeps the best k others. A prompt
 * is done when k hypotheses exist and no running beam can beat the worst; at the end running beams join
 * the hypotheses and the best one is returned. The per-vocabulary work (log-softmax, processors, each
 * group's best 2k extensions) is the engine's ({@link Scores#topCandidates}); the bookkeeping is here.
 */
final class BeamSearch {
    private final LanguageModel model;
    private final SamplingConfig config;
    private final int k;

    BeamSearch(LanguageModel model, SamplingConfig config) {
        this.model = model;
        this.config = config;
        this.k = config.beams();
    }

    /** A finished (or final running) sequence of new tokens and its length-normalised score. */
    private record Hypothesis(int[] tokens, double score) {
    }

    int[][] run(int[][] prompts) {
        int b = prompts.length;
        int p = prompts[0].length;
        int max = config.maxNewTokens();
        int eos = model.config().eosTokenId();
        int rows = b * k;
        try (Decoder decoder = model.newDecoder(rows, p + max)) {
            return run(decoder, prompts, b, p, max, eos, rows);
        }
    }

    private int[][] run(Decoder decoder, int[][] prompts, int b, int p, int max, int eos, int rows) {
        int[][] history = new int[rows][p + max];
        double[] beamScores = new double[rows];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(prompts[r / k], 0, history[r], 0, p);
            beamScores[r] = r % k == 0 ? 0 : -1e9;   // only the first beam is live at the start
        }
        List<List<Hypothesis>> finished = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            finished.add(new ArrayList<>());
        }
        boolean[] done = new boolean[b];
        Scores scores = decoder.step(prefix(history, p));
        int step = 0;
        for (; step < max; step++) {
            BeamCandidates top = candidates(scores, history, beamScores, p + step, step, eos);
            int[] source = new int[rows];
            int[] tokens = new int[rows];
            double[] nextScores = new double[rows];
            for (int i = 0; i < b; i++) {
                if (done[i]) {
                    for (int j = 0; j < k; j++) {
                        int r = i * k + j;
                        source[r] = r;
                        tokens[r] = eos;
                        nextScores[r] = beamScores[r];
                    }
                    continue;
                }
                int kept = 0;
                for (int rank = 0; rank < 2 * k && kept < k; rank++) {
                    int c = i * 2 * k + rank;
                    int row = top.row()[c];
                    if (top.token()[c] == eos) {
                        if (rank < k) {
                            addHypothesis(finished.get(i),
                                    Arrays.copyOfRange(history[row], p, p + step), top.score()[c], step);
                        }
                        continue;
                    }
                    int r = i * k + kept++;
                    source[r] = row;
                    tokens[r] = top.token()[c];
                    nextScores[r] = top.score()[c];
                }
                double bestRunning = nextScores[i * k];
                done[i] = isDone(finished.get(i), bestRunning, step + 1);
            }
            reorder(history, source);
            decoder.reorder(source);
            beamScores = nextScores;
            for (int r = 0; r < rows; r++) {
                history[r][p + step] = tokens[r];
            }
            boolean all = true;
            for (boolean d : done) {
                all &= d;
            }
            if (all || step == max - 1) {
                step++;
                break;
            }
            int[][] next = new int[rows][1];
            for (int r = 0; r < rows; r++) {
                next[r][0] = tokens[r];
            }
            scores = decoder.step(next);
        }
        int[][] out = new int[b][];
        for (int i = 0; i < b; i++) {
            if (!done[i]) {
                for (int j = 0; j < k; j++) {
                    int r = i * k + j;
                    addHypothesis(finished.get(i), Arrays.copyOfRange(history[r], p, p + step), beamScores[r], step);
                }
            }
            out[i] = finished.get(i).stream().max(Comparator.comparingDouble(Hypothesis::score))
                    .orElseThrow().tokens();
        }
        return out;
    }

    private static int[][] prefix(int[][] history, int p) {
        int[][] rows = new int[history.length][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOf(history[r], p);
        }
        return rows;
    }

    /** Every group's 2k best (row, token) extensions, best first: HF's order of log-softmax, then processors. */
    private BeamCandidates candidates(Scores scores, int[][] history, double[] beamScores, int length,
                                      int generated, int eos) {
        int rows = history.length;
        scores.logSoftmax();
        int[] lengths = new int[rows];
        Arrays.fill(lengths, length);
        scores.repetitionPenalty(history, lengths, config.repetitionPenalty());
        boolean noEos = generated < config.minNewTokens();
        boolean[] noEosRows = new boolean[rows];
        Arrays.fill(noEosRows, noEos);
        Forbidden.apply(scores, history, lengths, config.noRepeatNgramSize(), noEosRows, eos);
        return scores.topCandidates(beamScores, k, 2 * k);
    }

    private void addHypothesis(List<Hypothesis> hyps, int[] tokens, double sumLogProb, int generatedLength) {
        double score = sumLogProb / Math.pow(Math.max(1, generatedLength), config.lengthPenalty());
        hyps.add(new Hypothesis(tokens, score));
        if (hyps.size() > k) {
            hyps.remove(hyps.stream().min(Comparator.comparingDouble(Hypothesis::score)).orElseThrow());
        }
    }

    private boolean isDone(List<Hypothesis> hyps, double bestRunningSum, int generatedLength) {
        if (hyps.size() < k) {
            return false;
        }
        double worst = hyps.stream().mapToDouble(Hypothesis::score).min().orElseThrow();
        return worst >= bestRunningSum / Math.pow(generatedLength, config.lengthPenalty());
    }

    private static void reorder(int[][] history, int[] source) {
        int[][] copy = new int[history.length][];
        for (int r = 0; r < history.length; r++) {
            copy[r] = history[source[r]].clone();
        }
        System.arraycopy(copy, 0, history, 0, history.length);
    }
}
