package org.ouroboros.trainer.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ouroboros.trainer.engine.nd4j.DecodeWeights;
import org.ouroboros.trainer.engine.nd4j.KvCache;
import org.ouroboros.trainer.engine.nd4j.OptModel;

/**
 * Beam search as HuggingFace's {@code generate(num_beams=k)} does it: per prompt, k running beams scored
 * by summed log-probability; each step takes the top 2k candidates, moves those ending in EOS to the
 * finished hypotheses (score / generated length ^ length penalty) and keeps the best k others. A prompt
 * is done when k hypotheses exist and no running beam can beat the worst; at the end running beams join
 * the hypotheses and the best one is returned.
 */
final class BeamSearch {
    private final OptModel model;
    private final SamplingConfig config;
    private final int k;
    private final DecodeWeights weights;

    BeamSearch(OptModel model, SamplingConfig config, DecodeWeights weights) {
        this.model = model;
        this.config = config;
        this.k = config.beams();
        this.weights = weights;
    }

    /** A finished (or final running) sequence of new tokens and its length-normalised score. */
    private record Hypothesis(int[] tokens, double score) {
    }

    /** A candidate extension: beam row, token, and summed log-probability. */
    private record Candidate(int row, int token, double score) {
    }

    int[][] run(int[][] prompts) {
        int b = prompts.length;
        int p = prompts[0].length;
        int max = config.maxNewTokens();
        int eos = model.config().eosTokenId();
        int rows = b * k;
        KvCache cache = model.newCache(rows, p + max, weights);
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
        INDArray logits = model.decode(cache, prefix(history, p));
        int step = 0;
        for (; step < max; step++) {
            float[][] scores = logits.castTo(DataType.FLOAT).toFloatMatrix();
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
                List<Candidate> top = topCandidates(scores, history, beamScores, i, p + step, step, eos);
                int kept = 0;
                for (int rank = 0; rank < top.size() && kept < k; rank++) {
                    Candidate c = top.get(rank);
                    if (c.token() == eos) {
                        if (rank < k) {
                            addHypothesis(finished.get(i),
                                    Arrays.copyOfRange(history[c.row()], p, p + step), c.score(), step);
                        }
                        continue;
                    }
                    int r = i * k + kept++;
                    source[r] = c.row();
                    tokens[r] = c.token();
                    nextScores[r] = c.score();
                }
                double bestRunning = nextScores[i * k];
                done[i] = isDone(finished.get(i), bestRunning, step + 1);
            }
            reorder(history, source);
            cache.reorder(source);
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
            logits = model.decode(cache, next);
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

    /** The 2k best (row, token) extensions of prompt i's beams, best first. */
    private List<Candidate> topCandidates(float[][] scores, int[][] history, double[] beamScores, int i,
                                          int length, int generated, int eos) {
        PriorityQueue<Candidate> heap = new PriorityQueue<>(Comparator.comparingDouble(Candidate::score));
        for (int j = 0; j < k; j++) {
            int r = i * k + j;
            float[] s = scores[r];
            LogitsProcessors.logSoftmax(s);
            LogitsProcessors.repetitionPenalty(s, history[r], length, config.repetitionPenalty());
            LogitsProcessors.minNewTokens(s, generated, config.minNewTokens(), eos);
            for (int v = 0; v < s.length; v++) {
                double total = s[v] + beamScores[r];
                if (heap.size() < 2 * k) {
                    heap.add(new Candidate(r, v, total));
                } else if (total > heap.peek().score()) {
                    heap.poll();
                    heap.add(new Candidate(r, v, total));
                }
            }
        }
        List<Candidate> top = new ArrayList<>(heap);
        top.sort(Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparingInt(Candidate::row).thenComparingInt(Candidate::token));
        return top;
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
