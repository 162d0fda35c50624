package org.ouroboros.trainer.engine.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ouroboros.trainer.engine.BeamCandidates;
import org.ouroboros.trainer.engine.Scores;
import org.ouroboros.trainer.sample.HostScores;

/**
 * The device-side logits processors pick exactly what the host ones pick: the same rows of scores (with ties
 * and -inf in them) through repetition penalty, forbid, argmax, temperature/top-k/top-p draws and beam
 * candidates give the same ids and the same scores in both.
 */
class TorchScoresTest {
    private static final int ROWS = 6;
    private static final int VOCAB = 300;
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = LibTorch.engine().newBaseManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Test
    void processorsAndGreedyPicksMatchTheHost() {
        for (long seed = 0; seed < 5; seed++) {
            float[][] s = scores(seed);
            Scores host = new HostScores(copy(s));
            Scores device = onDevice(s);
            int[][] history = new int[ROWS][12];
            int[] lengths = new int[ROWS];
            SplittableRandom rng = new SplittableRandom(seed);
            for (int r = 0; r < ROWS; r++) {
                lengths[r] = r;                      // row 0 has no history
                for (int j = 0; j < 12; j++) {
                    history[r][j] = rng.nextInt(VOCAB);
                }
                history[r][1] = history[r][0];       // a repeated token is penalised once
            }
            int[][] forbid = {{3}, {}, {3, 7, 3}, {}, {0, VOCAB - 1}, {3}};   // repeats and the vocabulary's ends
            for (Scores x : new Scores[] {host, device}) {
                x.repetitionPenalty(history, lengths, 1.7);
                x.forbid(forbid);
            }
            assertArrayEquals(host.toHost(), device.toHost());
            assertArrayEquals(host.argmax(), device.argmax());
        }
    }

    @Test
    void sampledDrawsMatchTheHost() {
        double[][] settings = {{1.0, 0, 1.0}, {0.7, 0, 1.0}, {1.0, 20, 1.0}, {1.3, 0, 0.9}, {0.9, 50, 0.8},
            {1.0, 1, 1.0}, {1.0, 0, 0.0001}};
        for (long seed = 0; seed < 4; seed++) {
            for (double[] t : settings) {
                float[][] s = scores(seed);
                double[] u = new SplittableRandom(seed + 100).doubles(ROWS).toArray();
                u[0] = 0.999999999;
                int[] expected = new HostScores(copy(s)).sample(t[0], (int) t[1], t[2], u);
                int[] got = onDevice(s).sample(t[0], (int) t[1], t[2], u);
                assertArrayEquals(expected, got, "temperature " + t[0] + ", top-k " + t[1] + ", top-p " + t[2]);
            }
        }
    }

    @Test
    void beamCandidatesMatchTheHost() {
        float[][] s = scores(9);
        double[] beamScores = {0, -1e9, -1e9, -1.5, -2.25, -0.5};
        Scores host = new HostScores(copy(s));
        Scores device = onDevice(s);
        host.logSoftmax();
        device.logSoftmax();
        assertArrayEquals(host.toHost(), device.toHost());
        BeamCandidates x = host.topCandidates(beamScores, 3, 6);
        BeamCandidates y = device.topCandidates(beamScores, 3, 6);
        assertEquals(x.groups(), y.groups());
        assertArrayEquals(x.row(), y.row());
        assertArrayEquals(x.token(), y.token());
        assertArrayEquals(x.score(), y.score());
    }

    /** Random scores with exact ties, a -inf and a row that is almost flat. */
    private static float[][] scores(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] s = new float[ROWS][VOCAB];
        for (int r = 0; r < ROWS; r++) {
            for (int v = 0; v < VOCAB; v++) {
                s[r][v] = (float) (r == 4 ? 1e-3 * rng.nextDouble(-1, 1) : 6 * rng.nextDouble(-1, 1));
            }
            s[r][7] = s[r][11];
            s[r][13] = Float.NEGATIVE_INFINITY;
        }
        return s;
    }

    private static Scores onDevice(float[][] s) {
        float[] flat = new float[ROWS * VOCAB];
        for (int r = 0; r < ROWS; r++) {
            System.arraycopy(s[r], 0, flat, r * VOCAB, VOCAB);
        }
        return new TorchScores(manager, manager.create(flat, new Shape(ROWS, VOCAB)));
    }

    private static float[][] copy(float[][] s) {
        float[][] c = new float[s.length][];
        for (int i = 0; i < s.length; i++) {
            c[i] = s[i].clone();
        }
        return c;
    }
}
