package org.ouroboros.experiments.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.metrics.SelfBleu;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ouro metrics self-bleu}: leave-one-out self-BLEU of a samples file, exactly as NLTK's
 * sentence_bleu with method1 smoothing would give it (see {@link SelfBleu}).
 */
@Command(name = "self-bleu", mixinStandardHelpOptions = true,
        description = "Self-BLEU (NLTK sentence_bleu, method1 smoothing, leave-one-out over all samples).")
public final class SelfBleuCommand implements Callable<Integer> {
    /** Orders always shown in text mode besides the requested one. */
    static final int SHOWN_UP_TO = 5;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Samples file: one sample per line, tokens separated by whitespace.")
    Path input;

    @Option(names = "--max-n", defaultValue = "4", paramLabel = "N",
            description = "Largest n-gram order, weights 1/N each (default: ${DEFAULT-VALUE}).")
    int maxN;

    @Option(names = "--json", description = "Print {\"self_bleu\": x, \"samples\": n, \"max_n\": k}.")
    boolean json;

    /**
     * The outcome of one self-BLEU computation.
     *
     * @param selfBleu self-BLEU with orders 1..maxN
     * @param samples  number of samples (lines)
     * @param maxN     largest n-gram order
     * @param byOrder  self-BLEU-n for n = 1..max(maxN, 5), index n-1 (text mode only)
     */
    public record Result(@JsonProperty("self_bleu") double selfBleu, int samples,
                         @JsonProperty("max_n") int maxN, @JsonIgnore List<Double> byOrder) {
    }

    /** Self-BLEU of {@code input}; also computes orders up to 5 in the same pass. */
    public static Result run(Path input, int maxN) {
        if (maxN < 1) {
            throw new BadInputException("--max-n must be at least 1, got " + maxN);
        }
        List<String[]> samples = SampleInput.read(input);
        if (samples.size() < 2) {
            throw new BadInputException("self-BLEU needs at least 2 samples (each is scored against the others); "
                    + input + " has " + samples.size() + " line");
        }
        double[] all = SelfBleu.upTo(samples, Math.max(maxN, SHOWN_UP_TO));
        List<Double> byOrder = Arrays.stream(all).boxed().toList();
        return new Result(all[maxN - 1], samples.size(), maxN, byOrder);
    }

    @Override
    public Integer call() {
        Result result = run(input, maxN);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, result);
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "self-BLEU-%d = %.6f over %d samples (leave-one-out, NLTK method1 smoothing)%n",
                result.maxN(), result.selfBleu(), result.samples());
        StringBuilder orders = new StringBuilder(" ");
        for (int n = 2; n <= Math.max(SHOWN_UP_TO, result.maxN()); n++) {
            orders.append(String.format(Locale.ROOT, " n=%d %.6f", n, result.byOrder().get(n - 1)));
        }
        out.println(orders);
        out.flush();
        return ExitCode.OK;
    }
}
