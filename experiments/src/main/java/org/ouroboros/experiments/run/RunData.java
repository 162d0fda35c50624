package org.ouroboros.experiments.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.corpus.Corpora;
import org.ouroboros.data.corpus.Corpus;
import org.ouroboros.data.corpus.Document;
import org.ouroboros.data.corpus.Genres;
import org.ouroboros.data.corpus.Split;
import org.ouroboros.data.tokenize.BpeTrainer;
import org.ouroboros.data.tokenize.HfTokenizer;
import org.ouroboros.data.tokenize.TextTokenizer;
import org.ouroboros.data.tokenize.TokenizerJson;
import org.ouroboros.data.tokens.BlockSet;
import org.ouroboros.data.tokens.TokenCache;
import org.ouroboros.data.tokens.TokenFile;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.InitPolicy;
import org.ouroboros.experiments.metrics.UnigramMetrics;
import org.ouroboros.io.AtomicFiles;
import org.ouroboros.trainer.checkpoint.Checkpoint;

/**
 * The real data of a run, prepared once: the tokenizer (the base checkpoint's, a given one, or a BPE
 * trained on the training split and kept in the run directory), the training blocks (every block of
 * the training set, as the paper cuts it), and validation and test blocks cut per document so each has
 * one category; and the token frequencies of the training blocks (rare-token recall, unigram KL,
 * tail-oversampling), counted once.
 */
public record RunData(String corpusName, TextTokenizer tokenizer, Path tokenizerFile, BlockSet train, BlockSet valid,
                      BlockSet test, long[] realCounts) implements AutoCloseable {

    public static RunData prepare(ExperimentConfig config, Path runDir, Path dataDir) {
        Corpus corpus = config.corpus().paragraphs().apply(Genres.select(Corpora.load(config.corpus().source(),
                dataDir, config.splitSeed()), config.corpus().genres(), "config key 'corpus.genres'"));
        Path tokenizerFile = tokenizerFile(config, corpus, runDir);
        TextTokenizer tok = HfTokenizer.load(tokenizerFile);
        Map<Split, TokenFile> tokens = TokenCache.encode(corpus, tok, dataDir);
        int blockSize = config.training().blockSize();
        long splitSeed = config.splitSeed();
        BlockSet train = BlockSet.stream(tokens.get(Split.TRAIN), blockSize, tok.bosId())
                .sample(config.corpus().maxTrainBlocks(), splitSeed);
        BlockSet valid = BlockSet.perDocument(tokens.get(Split.VALID), blockSize, tok.bosId())
                .sample(config.corpus().maxEvalBlocks(), splitSeed + 1);
        BlockSet test = BlockSet.perDocument(tokens.get(Split.TEST), blockSize, tok.bosId())
                .sample(config.corpus().maxEvalBlocks(), splitSeed + 2);
        if (train.size() < 2) {
            throw new BadInputException("the training split of " + corpus.name() + " gives " + train.size()
                    + " blocks of " + blockSize + " tokens; need more text or a smaller training.block_size");
        }
        return new RunData(corpus.name(), tok, tokenizerFile, train, valid, test,
                UnigramMetrics.counts(train.blocks(), tok.vocabSize()));
    }

    private static Path tokenizerFile(ExperimentConfig config, Corpus corpus, Path runDir) {
        if (config.model().init() == InitPolicy.BASE
                || (config.model().base() != null && config.tokenizer().path() == null)) {
            Path file = Path.of(config.model().base()).resolve(Checkpoint.TOKENIZER);
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("the base checkpoint " + config.model().base() + " has no tokenizer.json");
            }
            return file;
        }
        if (config.tokenizer().path() != null) {
            Path p = Path.of(config.tokenizer().path());
            return Files.isDirectory(p) ? p.resolve(TokenizerJson.FILE) : p;
        }
        Path dir = runDir.resolve("tokenizer");
        if (!Files.isRegularFile(dir.resolve(TokenizerJson.FILE))) {
            List<String> texts = corpus.split(Split.TRAIN).stream().map(Document::text).toList();
            AtomicFiles.writeDirectory(dir, d -> TokenizerJson.write(BpeTrainer.train(texts,
                    config.tokenizer().vocabSize()), d));
        }
        return dir.resolve(TokenizerJson.FILE);
    }

    /** Categories of the test blocks. */
    public List<String> categories() {
        return test.categoryNames();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
