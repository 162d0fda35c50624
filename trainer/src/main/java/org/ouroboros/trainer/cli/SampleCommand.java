package org.ouroboros.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.DataDirOption;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.cli.Progress;
import org.ouroboros.data.corpus.Corpora;
import org.ouroboros.data.corpus.Corpus;
import org.ouroboros.data.corpus.Split;
import org.ouroboros.data.tokens.BlockSet;
import org.ouroboros.data.tokens.TokenCache;
import org.ouroboros.data.tokens.TokenFile;
import org.ouroboros.trainer.sample.Sampler;
import org.ouroboros.trainer.sample.SamplingConfig;
import org.ouroboros.trainer.sample.Strategy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ouro sample}: continue prompts with greedy decoding, beam search or sampling (KV cache, batched). */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Generate continuations of prompts.")
public final class SampleCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOption engine = new EngineOption();

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint directory.")
    Path model;

    @ArgGroup(multiplicity = "1")
    Prompts prompts;

    static final class Prompts {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "One text prompt (BOS is prepended).")
        String text;

        @Option(names = "--prompt-tokens", paramLabel = "IDS.json", description = "Token ids: [..] or [[..], ..].")
        Path tokens;

        @Option(names = "--prompts-from", paramLabel = "SPLIT", description = "Blocks of a corpus split: train, valid, test.")
        Split split;
    }

    @Option(names = "--data", defaultValue = "brown", paramLabel = "CORPUS",
            description = "Corpus for --prompts-from (default: ${DEFAULT-VALUE}).")
    String data;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--block-size", defaultValue = "64", description = "Prompt length for --prompts-from (default: ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--num-prompts", defaultValue = "8", description = "Prompts taken with --prompts-from (default: ${DEFAULT-VALUE}).")
    int numPrompts;

    @Option(names = "--max-new-tokens", required = true, description = "Tokens to generate per prompt.")
    int maxNewTokens;

    @Option(names = "--min-new-tokens", defaultValue = "0", description = "No EOS before this many tokens (default: ${DEFAULT-VALUE}).")
    int minNewTokens;

    @Option(names = "--strategy", defaultValue = "greedy", description = "greedy, beam or sample (default: ${DEFAULT-VALUE}).")
    Strategy strategy;

    @Option(names = "--beams", defaultValue = "5", description = "Beam width (default: ${DEFAULT-VALUE}).")
    int beams;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "Keep the k most likely tokens, 0 = off (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus mass, 1 = off (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--repetition-penalty", defaultValue = "1.0", description = "HF repetition penalty (default: ${DEFAULT-VALUE}).")
    double repetitionPenalty;

    @Option(names = "--no-repeat-ngram-size", defaultValue = "0",
            description = "HF no_repeat_ngram_size: no n-gram of this size twice in a sequence, prompt included;"
                    + " 0 = off (default: ${DEFAULT-VALUE}).")
    int noRepeatNgramSize;

    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", defaultValue = "16", description = "Prompts decoded together (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--json", description = "Print {\"tokens\": [[...]], \"text\": [...]} (new tokens only).")
    boolean json;

    /** New tokens per prompt and their decoded text (null without a tokenizer). */
    public record Result(List<int[]> tokens, List<String> text) {
    }

    @Override
    public Integer call() {
        Result r = generate();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
        } else {
            for (int i = 0; i < r.tokens().size(); i++) {
                out.printf(Locale.ROOT, "[%d] %s%n", i, r.text() != null ? r.text().get(i) : Json.write(r.tokens().get(i)));
            }
            out.flush();
        }
        return ExitCode.OK;
    }

    public Result generate() {
        SamplingConfig cfg = new SamplingConfig(strategy, maxNewTokens, minNewTokens,
                strategy == Strategy.BEAM ? beams : 1, temperature, topK, topP, repetitionPenalty, noRepeatNgramSize,
                1.0, seed);
        try (LoadedModel m = LoadedModel.load(model, engine.open(spec.commandLine().getErr()).engine())) {
            List<int[]> inputs = prompts(m);
            List<int[]> generated;
            try (Progress p = Progress.start("sample", inputs.size(), "prompts")) {
                generated = new Sampler(m.model(), cfg, batchSize).generate(inputs, done -> p.update(done, ""));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            List<String> text = null;
            if (m.tokenizer() != null) {
                text = new ArrayList<>();
                for (int[] g : generated) {
                    text.add(m.tokenizer().decode(g, true));
                }
            }
            return new Result(generated, text);
        }
    }

    private List<int[]> prompts(LoadedModel m) {
        if (prompts.text != null) {
            return List.of(m.encodeWithBos(prompts.text, "--prompt"));
        }
        if (prompts.tokens != null) {
            return TokenIds.read(prompts.tokens, m.model().config().vocabSize());
        }
        Corpus corpus = Corpora.load(data, dataDir.resolve(), 0);
        TokenFile file = TokenCache.encode(corpus, m.requireTokenizer("--prompts-from"), dataDir.resolve())
                .get(prompts.split);
        BlockSet blocks = BlockSet.stream(file, blockSize, m.model().config().bosTokenId());
        return blocks.blocks().subList(0, Math.min(numPrompts, blocks.size()));
    }
}
