package org.ouroboros.trainer.engine.nd4j;

import java.util.List;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.eval.LengthBatches;

/**
 * A model's final hidden states (the output of the last LayerNorm, what HuggingFace returns as the last
 * of {@code hidden_states}) averaged over each sequence's positions: the text embedding MAUVE clusters.
 */
public final class HiddenStates {
    private HiddenStates() {
    }

    /** Whether {@link #meanFinal} can read {@code model}'s hidden states (an ND4J engine model). */
    public static boolean supports(LanguageModel model) {
        return model instanceof OptModel;
    }

    /**
     * One vector of width {@code hidden_size} per row of {@code rows}, in input order: the mean over the
     * row's positions of the final hidden state. Rows of equal length share batches of {@code batchSize}.
     */
    public static double[][] meanFinal(LanguageModel languageModel, List<int[]> rows, int batchSize) {
        if (!(languageModel instanceof OptModel model)) {
            throw new IllegalArgumentException("hidden states are read from the nd4j engine's model, not "
                    + languageModel.engine().name() + "'s");
        }
        int c = model.config().hiddenSize();
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length == 0) {
                throw new IllegalArgumentException("row " + i + " is empty");
            }
        }
        for (LengthBatches.Chunk chunk : LengthBatches.of(rows, row -> true, batchSize)) {
            int len = chunk.length();
            Activations a = model.activations(chunk.padded().length, len, false);
            model.forwardLogits(a, OptModel.flatten(chunk.padded()));
            double[] h = a.finalNorm.out.reshape(-1).toDoubleVector();    // [B*T, C] row-major
            for (int r = 0; r < chunk.rows(); r++) {
                double[] mean = new double[c];
                for (int t = 0; t < len; t++) {
                    int base = (r * len + t) * c;
                    for (int j = 0; j < c; j++) {
                        mean[j] += h[base + j] / len;
                    }
                }
                out[chunk.indices().get(r)] = mean;
            }
        }
        return out;
    }
}
