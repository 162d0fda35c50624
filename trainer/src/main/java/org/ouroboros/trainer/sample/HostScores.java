package org.ouroboros.trainer.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.ouroboros.trainer.engine.BeamCandidates;
import org.ouroboros.trainer.engine.BeamCandidates.Candidate;
import org.ouroboros.trainer.engine.Scores;

/**
 * {@link Scores} held on the host as {@code float[B][V]}, each call a loop of {@link LogitsProcessors} over
 * the rows: the reference semantics of every choice, and what an engine on the CPU uses (its scores are
 * in host memory already).
 */
public final class HostScores implements Scores {
    private final float[][] scores;

    /** Takes {@code scores} (not copied; the calls change it in place). */
    public HostScores(float[][] scores) {
        this.scores = scores;
    }

    @Override
    public int rows() {
        return scores.length;
    }

    @Override
    public float[][] toHost() {
        float[][] copy = new float[scores.length][];
        for (int r = 0; r < copy.length; r++) {
            copy[r] = scores[r].clone();
        }
        return copy;
    }

    @Override
    public void logSoftmax() {
        for (float[] row : scores) {
            LogitsProcessors.logSoftmax(row);
        }
    }

    @Override
    public void repetitionPenalty(int[][] history, int[] lengths, double penalty) {
        for (int r = 0; r < scores.length; r++) {
            LogitsProcessors.repetitionPenalty(scores[r], history[r], lengths[r], penalty);
        }
    }

    @Override
    public void forbid(int[][] tokens) {
        for (int r = 0; r < scores.length; r++) {
            for (int token : tokens[r]) {
                scores[r][token] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    @Override
    public int[] argmax() {
        int[] out = new int[scores.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = LogitsProcessors.argmax(scores[r]);
        }
        return out;
    }

    @Override
    public int[] sample(double temperature, int topK, double topP, double[] uniforms) {
        int[] out = new int[scores.length];
        for (int r = 0; r < out.length; r++) {
            float[] s = scores[r];
            LogitsProcessors.temperature(s, temperature);
            LogitsProcessors.topK(s, topK);
            LogitsProcessors.topP(s, topP);
            out[r] = LogitsProcessors.multinomial(s, uniforms[r]);
        }
        return out;
    }

    @Override
    public BeamCandidates topCandidates(double[] beamScores, int beamsPerGroup, int n) {
        List<List<Candidate>> groups = new ArrayList<>();
        for (int g = 0; g < scores.length / beamsPerGroup; g++) {
            PriorityQueue<Candidate> heap = new PriorityQueue<>(Comparator.comparingDouble(Candidate::score));
            for (int j = 0; j < beamsPerGroup; j++) {
                int r = g * beamsPerGroup + j;
                float[] s = scores[r];
                for (int v = 0; v < s.length; v++) {
                    double total = s[v] + beamScores[r];
                    if (heap.size() < n) {
                        heap.add(new Candidate(r, v, total));
                    } else if (total > heap.peek().score()) {
                        heap.poll();
                        heap.add(new Candidate(r, v, total));
                    }
                }
            }
            List<Candidate> top = new ArrayList<>(heap);
            top.sort(Candidate.BEST_FIRST);
            groups.add(top);
        }
        return BeamCandidates.of(n, groups);
    }
}
