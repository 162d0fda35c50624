package org.ouroboros.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.data.corpus.TextFiles;
import org.ouroboros.data.tokens.BlockSet;
import org.ouroboros.io.AtomicFiles;
import org.ouroboros.trainer.eval.Evaluator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ouro eval}: perplexity of a model on a text or token ids, over non-overlapping blocks, each block
 * predicting its tokens 2..n from 1..n-1 (the last partial block included).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Perplexity of a model on text or token ids.")
public final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOption engine = new EngineOption();

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint directory.")
    Path model;

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--input", paramLabel = "TEXTFILE", description = "UTF-8 text (BOS is prepended).")
        Path text;

        @Option(names = "--tokens", paramLabel = "IDS.json", description = "A JSON array of token ids, used as is.")
        Path tokens;
    }

    @Option(names = "--block-size", defaultValue = "64", description = "Tokens per block (default: ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--batch-size", defaultValue = "32", description = "Blocks per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--per-sequence", paramLabel = "FILE.csv", description = "Write each block's NLL and perplexity.")
    Path perSequence;

    @Option(names = "--json", description = "Print {\"nll\", \"tokens\", \"perplexity\"}.")
    boolean json;

    /** Total NLL in nats, predicted tokens, and exp(nll / tokens). */
    public record Result(double nll, long tokens, double perplexity) {
    }

    @Override
    public Integer call() {
        Result r = evaluate();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
        } else {
            out.printf(Locale.ROOT, "perplexity %.4f (%,d tokens predicted, NLL %.2f nats)%n", r.perplexity(), r.tokens(),
                    r.nll());
            out.flush();
        }
        return ExitCode.OK;
    }

    public Result evaluate() {
        if (blockSize < 2 || batchSize < 1) {
            throw new BadInputException("--block-size must be >= 2 and --batch-size >= 1");
        }
        try (LoadedModel m = LoadedModel.load(model, engine.open(spec.commandLine().getErr()).engine())) {
            int[] stream = input.tokens != null
                    ? TokenIds.read(input.tokens, m.model().config().vocabSize()).get(0)
                    : m.encodeWithBos(TextFiles.readUtf8(input.text), "--input");
            if (blockSize > m.model().config().maxPositions()) {
                throw new BadInputException("--block-size " + blockSize + " exceeds the model's "
                        + m.model().config().maxPositions() + " positions");
            }
            List<int[]> blocks = BlockSet.cut(stream, blockSize);
            if (blocks.isEmpty()) {
                throw new BadInputException("nothing to evaluate: need at least 2 tokens, got " + stream.length);
            }
            Evaluator.BlockScores s = Evaluator.score(m.model(), blocks, batchSize);
            if (perSequence != null) {
                writePerSequence(s);
            }
            return new Result(s.totalNll(), s.totalTokens(), s.perplexity());
        }
    }

    private void writePerSequence(Evaluator.BlockScores s) {
        StringBuilder sb = new StringBuilder("sequence,tokens,nll,perplexity\n");
        double[] ppl = s.blockPerplexities();
        for (int i = 0; i < ppl.length; i++) {
            sb.append(i).append(',').append(s.tokens()[i]).append(',').append(s.nll()[i]).append(',').append(ppl[i])
                    .append('\n');
        }
        AtomicFiles.writeString(perSequence, sb.toString());
    }
}
