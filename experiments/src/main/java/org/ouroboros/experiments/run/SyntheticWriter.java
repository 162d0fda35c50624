package org.ouroboros.experiments.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ouroboros.cli.Progress;
import org.ouroboros.data.tokenize.TextTokenizer;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.GenerationConfig;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.sample.Sampler;

/**
 * Writes a generation's synthetic corpus. Prompted (the paper): every real training block is continued
 * and the new tokens are one example. Unprompted: continuations of BOS. Examples become training blocks
 * as they are when they have the block size, else they are joined (EOS between) and re-cut.
 */
final class SyntheticWriter {
    private final GenerationConfig gen;
    private final RunData data;
    private final int blockSize;

    SyntheticWriter(ExperimentConfig config, RunData data) {
        this.gen = config.generation();
        this.data = data;
        this.blockSize = config.training().blockSize();
    }

    /** Tokens of each prompt. */
    int promptLength() {
        return gen.prompted() ? blockSize : 1;
    }

    /** Positions a model needs to continue every prompt. */
    int positionsNeeded() {
        return promptLength() + gen.newTokens();
    }

    List<int[]> prompts() {
        if (gen.prompted()) {
            return data.train().blocks();
        }
        int n = gen.sequences() > 0 ? gen.sequences() : data.train().size();
        int[] bos = {data.tokenizer().bosId()};
        List<int[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(bos);
        }
        return out;
    }

    List<Samples.Sample> write(LanguageModel model, long seed, String label) {
        List<int[]> prompts = prompts();
        List<int[]> continuations;
        try (Progress p = Progress.start(label + " generate", prompts.size(), "prompts")) {
            continuations = new Sampler(model, gen.toSamplingConfig(seed), gen.batchSize())
                    .generate(prompts, done -> p.update(done, ""));
        }
        TextTokenizer tok = data.tokenizer();
        List<Samples.Sample> out = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            out.add(new Samples.Sample(tok.decode(prompts.get(i), true), tok.decode(continuations.get(i), true),
                    continuations.get(i)));
        }
        return out;
    }

    /** The synthetic training blocks of a corpus of samples. */
    List<int[]> toBlocks(List<Samples.Sample> samples) {
        boolean exact = samples.stream().allMatch(s -> s.tokens().length == blockSize);
        if (exact) {
            return samples.stream().map(Samples.Sample::tokens).toList();
        }
        int eos = data.tokenizer().eosId();
        List<int[]> blocks = new ArrayList<>();
        int[] buffer = new int[blockSize];
        int filled = 0;
        for (Samples.Sample s : samples) {
            int[] withEos = Arrays.copyOf(s.tokens(), s.tokens().length + 1);
            withEos[withEos.length - 1] = eos;
            for (int t : withEos) {
                buffer[filled++] = t;
                if (filled == blockSize) {
                    blocks.add(buffer.clone());
                    filled = 0;
                }
            }
        }
        return blocks;
    }

    /** Each prompt followed by its continuation: the rows on which the model's own entropy is measured. */
    List<int[]> promptedRows(List<Samples.Sample> samples) {
        List<int[]> prompts = prompts();
        List<int[]> rows = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            int[] p = prompts.get(i);
            int[] c = samples.get(i).tokens();
            int[] row = Arrays.copyOf(p, p.length + c.length);
            System.arraycopy(c, 0, row, p.length, c.length);
            rows.add(row);
        }
        return rows;
    }
}
