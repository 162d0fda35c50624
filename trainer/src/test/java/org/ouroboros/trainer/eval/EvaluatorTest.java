package org.ouroboros.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.nd4j.OptModel;
import org.ouroboros.trainer.engine.nd4j.TinyModels;

class EvaluatorTest {
    private final OptModel model = TinyModels.model(TinyModels.config(), 9, DataType.FLOAT);

    @Test
    void paddedBatchesScoreEachBlockAsIfAlone() {
        List<int[]> blocks = List.of(new int[] {1, 5, 6, 7, 8}, new int[] {1, 9, 10}, new int[] {1, 2, 3, 4, 5},
                new int[] {7, 8});
        Evaluator.BlockScores s = Evaluator.score(model, blocks, 3);
        double total = 0;
        for (int i = 0; i < blocks.size(); i++) {
            double alone = 0;
            for (double v : model.tokenNll(Batch.nextToken(List.of(blocks.get(i))))) {
                alone += v;
            }
            assertEquals(alone, s.nll()[i], 1e-4, "block " + i);
            assertEquals(blocks.get(i).length - 1, s.tokens()[i]);
            total += alone;
        }
        assertEquals(4 + 2 + 4 + 1, s.totalTokens());
        assertEquals(Math.exp(total / 11), s.perplexity(), 1e-3);
    }
}
