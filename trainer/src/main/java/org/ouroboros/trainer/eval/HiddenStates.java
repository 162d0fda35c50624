package org.ouroboros.trainer.eval;

import java.util.List;
import org.ouroboros.trainer.engine.LanguageModel;

/**
 * A model's final hidden states (the output of the last LayerNorm, what HuggingFace returns as the last
 * of {@code hidden_states}) averaged over each sequence's positions: the text embedding MAUVE clusters.
 * Any engine: the model computes each batch's means on its device ({@link LanguageModel#meanHiddenStates}).
 */
public final class HiddenStates {
    private HiddenStates() {
    }

    /**
     * One vector of width {@code hidden_size} per row of {@code rows}, in input order: the mean over the
     * row's positions of the final hidden state. Rows of equal length share batches of {@code batchSize}.
     */
    public static double[][] meanFinal(LanguageModel model, List<int[]> rows, int batchSize) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length == 0) {
                throw new IllegalArgumentException("row " + i + " is empty");
            }
        }
        for (LengthBatches.Chunk chunk : LengthBatches.of(rows, row -> true, batchSize)) {
            double[][] means = model.meanHiddenStates(chunk.padded());
            for (int r = 0; r < chunk.rows(); r++) {
                out[chunk.indices().get(r)] = means[r];
            }
        }
        return out;
    }
}
