package org.ouroboros.experiments.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.metrics.Diversity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ouro metrics diversity}: distinct-1/2 and unigram entropy of a samples file. */
@Command(name = "diversity", mixinStandardHelpOptions = true,
        description = "Distinct-1, distinct-2 (unique/total n-grams) and unigram entropy (nats) of a samples file.")
public final class DiversityCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Samples file: one sample per line, tokens separated by whitespace.")
    Path input;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    /** The diversity of one samples file, with the JSON names of the run metrics. */
    public record Result(@JsonProperty("distinct_1") double distinct1,
                         @JsonProperty("distinct_2") double distinct2,
                         @JsonProperty("unigram_entropy") double unigramEntropy,
                         long samples, long tokens) {
    }

    /** The diversity of {@code input}. */
    public static Result run(Path input) {
        Diversity d = Diversity.of(SampleInput.read(input));
        return new Result(d.distinct1(), d.distinct2(), d.unigramEntropy(), d.samples(), d.tokens());
    }

    @Override
    public Integer call() {
        Result r = run(input);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "samples          %d%ntokens           %d%n", r.samples(), r.tokens());
        out.printf(Locale.ROOT, "distinct-1       %.6f%ndistinct-2       %.6f%n", r.distinct1(), r.distinct2());
        out.printf(Locale.ROOT, "unigram entropy  %.6f nats%n", r.unigramEntropy());
        out.flush();
        return ExitCode.OK;
    }
}
