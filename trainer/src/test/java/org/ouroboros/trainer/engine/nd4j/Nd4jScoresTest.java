package org.ouroboros.trainer.engine.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.ouroboros.trainer.engine.BeamCandidates;
import org.ouroboros.trainer.engine.Scores;
import org.ouroboros.trainer.sample.HostScores;

/** Picking tokens in ND4J (the non-host path) gives the host reference's ids, candidates and scores. */
class Nd4jScoresTest {
    private static final int ROWS = 6;
    private static final int VOCAB = 301;

    private static float[][] randomScores(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] s = new float[ROWS][VOCAB];
        for (float[] row : s) {
            for (int v = 0; v < VOCAB; v++) {
                row[v] = (float) (4 * rng.nextDouble(-1, 1));
            }
        }
        return s;
    }

    private static Scores onDevice(float[][] s) {
        return new Nd4jScores(Nd4j.createFromArray(s).castTo(DataType.FLOAT));
    }

    private static Scores onHost(float[][] s) {
        float[][] copy = new float[s.length][];
        for (int r = 0; r < s.length; r++) {
            copy[r] = s[r].clone();
        }
        return new HostScores(copy);
    }

    @Test
    void penaltiesForbiddingAndArgmaxMatchTheHost() {
        float[][] s = randomScores(1);
        int[][] history = new int[ROWS][];
        int[] lengths = new int[ROWS];
        SplittableRandom rng = new SplittableRandom(2);
        for (int r = 0; r < ROWS; r++) {
            history[r] = rng.ints(20, 0, VOCAB).toArray();
            history[r][3] = history[r][1];                       // a repeat is penalised once
            lengths[r] = 5 + r * 2;
        }
        int[][] forbid = {{11}, {}, {11, 2, 11}, {}, {0, VOCAB - 1}, {11}};   // repeats and the vocabulary's ends
        Scores host = onHost(s);
        Scores device = onDevice(s);
        for (Scores x : new Scores[] {host, device}) {
            x.repetitionPenalty(history, lengths, 1.3);
            x.forbid(forbid);
        }
        float[][] h = host.toHost();
        float[][] d = device.toHost();
        for (int r = 0; r < ROWS; r++) {
            assertArrayEquals(h[r], d[r], 1e-6f, "row " + r);
        }
        assertArrayEquals(host.argmax(), device.argmax());
    }

    @Test
    void beamCandidatesMatchTheHostAfterLogSoftmax() {
        float[][] s = randomScores(3);
        double[] beamScores = {0, -1e9, -1e9, -0.5, -0.75, -2.0};
        Scores host = onHost(s);
        Scores device = onDevice(s);
        host.logSoftmax();
        device.logSoftmax();
        BeamCandidates h = host.topCandidates(beamScores, 3, 6);
        BeamCandidates d = device.topCandidates(beamScores, 3, 6);
        assertArrayEquals(h.row(), d.row());
        assertArrayEquals(h.token(), d.token());
        assertArrayEquals(h.score(), d.score(), 1e-5);
        assertEquals(2, d.groups());
    }

    @Test
    void temperatureTopKAndTheDrawPickTheHostsTokens() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 4; trial++) {
            float[][] s = randomScores(10 + trial);
            double[] u = new double[ROWS];
            for (int r = 0; r < ROWS; r++) {
                u[r] = rng.nextDouble();
            }
            int topK = trial % 2 == 0 ? 0 : 20;
            assertArrayEquals(onHost(s).sample(0.8, topK, 1.0, u), onDevice(s).sample(0.8, topK, 1.0, u),
                    "trial " + trial);
        }
    }
}
