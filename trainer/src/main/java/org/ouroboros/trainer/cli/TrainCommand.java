package org.ouroboros.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ouroboros.cli.DataDirOption;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.data.corpus.Corpora;
import org.ouroboros.data.corpus.Corpus;
import org.ouroboros.data.corpus.Genres;
import org.ouroboros.data.corpus.Split;
import org.ouroboros.data.tokenize.HfTokenizer;
import org.ouroboros.data.tokenize.TextTokenizer;
import org.ouroboros.data.tokens.BlockSet;
import org.ouroboros.data.tokens.TokenCache;
import org.ouroboros.data.tokens.TokenFile;
import org.ouroboros.trainer.checkpoint.DType;
import org.ouroboros.trainer.checkpoint.DataManifestEntry;
import org.ouroboros.trainer.checkpoint.ModelCheckpoints;
import org.ouroboros.trainer.checkpoint.ModelConfigs;
import org.ouroboros.trainer.checkpoint.Provenance;
import org.ouroboros.trainer.engine.ComputeDType;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.train.ProgressListener;
import org.ouroboros.trainer.train.TrainConfig;
import org.ouroboros.trainer.train.TrainListener;
import org.ouroboros.trainer.train.TrainResult;
import org.ouroboros.trainer.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ouro train}: trains (or, with {@code --init}, fine-tunes) an OPT model on a corpus's training
 * blocks, validates after every epoch and keeps the best checkpoint in {@code --out}, written atomically
 * whenever validation improves.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train or fine-tune an OPT model on a corpus.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "CORPUS", description = "brown or a corpus directory.")
    String data;

    @Option(names = "--genres", paramLabel = "G[,G...]", description = "Only these genres (names, or Brown's "
            + "halves informative / imaginative); default all.")
    String genres;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    EngineOption engine = new EngineOption();

    @Option(names = "--tokenizer", paramLabel = "DIR", description = "Tokenizer (default: the --init checkpoint's).")
    Path tokenizer;

    @Option(names = "--model-config", defaultValue = "small", paramLabel = "NAME|FILE",
            description = "tiny, small, opt-125m or an OPT config.json (default: ${DEFAULT-VALUE}).")
    String modelConfig;

    @Option(names = "--init", paramLabel = "DIR", description = "Start from this checkpoint (fine-tuning).")
    Path init;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Checkpoint directory to write.")
    Path out;

    @Option(names = "--overwrite", description = "Replace a checkpoint already in --out (else refused).")
    boolean overwrite;

    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--max-steps", defaultValue = "0", description = "Stop after this many steps, 0 = none (default: ${DEFAULT-VALUE}).")
    long maxSteps;

    @Option(names = "--batch-size", defaultValue = "16", description = "Blocks per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--micro-batch-size", defaultValue = "0", description = "Blocks per forward pass, 0 = batch (default: ${DEFAULT-VALUE}).")
    int microBatchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--min-lr", defaultValue = "1e-4", description = "Final learning rate (default: ${DEFAULT-VALUE}).")
    double minLr;

    @Option(names = "--warmup-steps", defaultValue = "50", description = "Warm-up steps (default: ${DEFAULT-VALUE}).")
    long warmupSteps;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--grad-clip", defaultValue = "1.0", description = "Max gradient norm, 0 = off (default: ${DEFAULT-VALUE}).")
    double gradClip;

    @Option(names = "--block-size", defaultValue = "64", description = "Tokens per block (default: ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--max-train-blocks", defaultValue = "0", description = "Use at most this many training blocks, 0 = all.")
    int maxTrainBlocks;

    @Option(names = "--max-eval-blocks", defaultValue = "0", description = "Validate on at most this many blocks, 0 = all.")
    int maxEvalBlocks;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of split, initialisation and block order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dtype", defaultValue = "f32", description = "Checkpoint precision: f32, f16 or bf16 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--compute-dtype", defaultValue = "f32", paramLabel = "f32|bf16", description = "Matmul "
            + "precision: f32, or bf16 (autocast-style: bf16 matmuls; float32 weights, optimizer, LayerNorm, softmax"
            + " and loss; --engine pytorch only) (default: ${DEFAULT-VALUE}).")
    String computeDtype;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    /** What training did. */
    public record Result(Path out, OptConfig config, long parameters, int trainBlocks, int validBlocks,
                         List<TrainResult.Epoch> epochs, int bestEpoch, double bestValidLoss,
                         double bestValidPerplexity, long steps, double tokensPerSecond, double trainSeconds,
                         double seconds) {
    }

    @Override
    public Integer call() {
        Result r = train();
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Json.print(pw, r);
            return ExitCode.OK;
        }
        for (TrainResult.Epoch e : r.epochs()) {
            pw.printf(Locale.ROOT, "epoch %d: train loss %.4f, valid loss %.4f (perplexity %.2f), %.0f s%n",
                    e.epoch(), e.trainLoss(), e.validLoss(), Math.exp(e.validLoss()), e.seconds());
        }
        pw.printf(Locale.ROOT, "best epoch %d: valid perplexity %.2f; %,d steps at %,.0f tokens/s (%.0f s of training"
                        + " steps, %.0f s in all with validation); saved %s%n", r.bestEpoch(), r.bestValidPerplexity(),
                r.steps(), r.tokensPerSecond(), r.trainSeconds(), r.seconds(), r.out());
        pw.flush();
        return ExitCode.OK;
    }

    public Result train() {
        CheckpointTarget.require(out, overwrite);          // before the engine loads: a refusal costs nothing
        DType saveAs = DType.parseWritable(dtype);
        ComputeDType compute = ComputeDType.parse(computeDtype, "--compute-dtype");
        EngineOption.Opened opened = engine.open(spec.commandLine().getErr());
        ComputeDTypes.require(compute, opened.engine());
        String backend = opened.engine().runtime();       // results differ in the last bits between BLAS builds
        ModelCheckpoints.Loaded start = init == null ? null : ModelCheckpoints.load(init, opened.engine());
        Path tokenizerPath = tokenizer != null ? tokenizer : start != null ? start.tokenizerFile() : null;
        if (tokenizerPath == null) {
            throw new BadInputException("no tokenizer: pass --tokenizer DIR (make one with 'ouro tokenizer train') "
                    + "or an --init checkpoint that contains tokenizer.json");
        }
        try (TextTokenizer tok = HfTokenizer.load(tokenizerPath)) {
            Path dataRoot = dataDir.resolve();
            Corpus corpus = Genres.select(Corpora.load(data, dataRoot, seed), Genres.parse(genres), "--genres");
            Map<Split, TokenFile> tokens = TokenCache.encode(corpus, tok, dataRoot);
            BlockSet train = BlockSet.stream(tokens.get(Split.TRAIN), blockSize, tok.bosId()).sample(maxTrainBlocks, seed);
            BlockSet valid = BlockSet.perDocument(tokens.get(Split.VALID), blockSize, tok.bosId())
                    .sample(maxEvalBlocks, seed);
            if (train.size() == 0) {
                throw new BadInputException("the training split has fewer than " + blockSize + " tokens");
            }
            LanguageModel model = start != null ? start.model() : opened.engine().initialize(ModelConfigs.resolve(
                    modelConfig, tok.vocabSize(), tok.bosId(), tok.eosId(), tok.padId(), blockSize), seed);
            ComputeDTypes.apply(compute, model);
            if (model.config().vocabSize() < tok.vocabSize() || model.config().maxPositions() < blockSize) {
                throw new BadInputException("the model (vocab " + model.config().vocabSize() + ", " + model.config()
                        .maxPositions() + " positions) does not fit the tokenizer (" + tok.vocabSize()
                        + " tokens) and --block-size " + blockSize);
            }
            TrainConfig cfg = new TrainConfig(epochs, maxSteps, batchSize, microBatchSize, lr, minLr, warmupSteps,
                    weightDecay, gradClip, seed);
            Provenance provenance = Provenance.capture(seed, String.join(" ", spec.commandLine().getParseResult()
                    .originalArgs()), backend, List.of(DataManifestEntry.ofDescription(corpus.name(),
                    "training blocks of " + blockSize + " tokens", train.size(), train.totalTokens())),
                    new ArrayList<>(spec.commandLine().getParseResult().originalArgs())).withExtra(opened.provenance())
                    .withExtra(Map.of("compute_dtype", compute.code()));
            TrainListener save = new TrainListener() {
                @Override
                public void onEpoch(TrainResult.Epoch epoch, boolean improved, LanguageModel m) {
                    if (improved) {
                        ModelCheckpoints.save(m, out, tokenizerPath, provenance, saveAs);
                    }
                }
            };
            TrainResult r;
            try (ProgressListener progress = new ProgressListener("train", Trainer.totalSteps(cfg, train.size()), save)) {
                r = new Trainer(cfg, progress).train(model, train.blocks(), valid.blocks());
            }
            return new Result(out.toAbsolutePath(), model.config(), model.config().parameterCount(), train.size(),
                    valid.size(), r.epochs(), r.bestEpoch(), r.bestValidLoss(), r.bestValidPerplexity(), r.steps(),
                    r.tokensPerSecond(), r.trainSeconds(), r.seconds());
        }
    }
}
