package org.ouroboros.experiments.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.metrics.CompressionRatio;
import org.ouroboros.experiments.metrics.TailMass;
import org.ouroboros.experiments.metrics.ZipfFit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ouro metrics collapse}: the collapse metrics that need no model, on a samples file: gzip
 * compression ratio, Zipf exponent and, against a reference file of real text, tail mass.
 */
@Command(name = "collapse", mixinStandardHelpOptions = true,
        description = {"Compression ratio (gzip level 6 bytes / UTF-8 bytes of the tokens joined by spaces, lines by newlines), Zipf "
                + "exponent (minus the least-squares slope of log count on log rank, ranks with count >= 2, at most "
                + "1000) and, with --reference, tail mass: the share of tokens whose count in the reference is <= 5 "
                + "and <= 50, for the input and for the reference itself."})
public final class CollapseCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Samples file: one sample per line, tokens separated by whitespace.")
    Path input;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "Real text in the same format; its token counts define the tail.")
    Path reference;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    /** The metrics of one samples file, with the JSON names of the run metrics; tail masses null without a reference. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(@JsonProperty("compression_ratio") double compressionRatio,
                         @JsonProperty("zipf_alpha") double zipfAlpha,
                         @JsonProperty("tail_mass_5") Double tailMass5,
                         @JsonProperty("tail_mass_50") Double tailMass50,
                         @JsonProperty("reference_tail_mass_5") Double referenceTailMass5,
                         @JsonProperty("reference_tail_mass_50") Double referenceTailMass50,
                         long samples, long tokens) {
    }

    /** The metrics of {@code input}, tail masses against {@code reference} when it is not null. */
    public static Result run(Path input, Path reference) {
        List<String[]> samples = SampleInput.read(input);
        List<String> lines = samples.stream().map(s -> String.join(" ", s)).toList();
        List<String[]> both = new ArrayList<>(samples);
        List<String[]> ref = reference == null ? List.of() : SampleInput.read(reference);
        both.addAll(ref);
        List<int[]> ids = org.ouroboros.experiments.metrics.SampleText.ids(both);
        List<int[]> in = ids.subList(0, samples.size());
        int vocab = ids.stream().flatMapToInt(Arrays::stream).max().orElse(0) + 1;
        long tokens = in.stream().mapToLong(r -> r.length).sum();
        double alpha = ZipfFit.alpha(TailMass.counts(in, vocab));
        double ratio = CompressionRatio.of(lines);
        if (reference == null) {
            return new Result(ratio, alpha, null, null, null, null, samples.size(), tokens);
        }
        List<int[]> real = ids.subList(samples.size(), ids.size());
        long[] counts = TailMass.counts(real, vocab);
        return new Result(ratio, alpha, TailMass.share(in, counts, 5), TailMass.share(in, counts, 50),
                TailMass.share(real, counts, 5), TailMass.share(real, counts, 50), samples.size(), tokens);
    }

    @Override
    public Integer call() {
        Result r = run(input, reference);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "samples            %d%ntokens             %d%n", r.samples(), r.tokens());
        out.printf(Locale.ROOT, "compression ratio  %.6f (gzip level 6)%n", r.compressionRatio());
        out.printf(Locale.ROOT, "zipf alpha         %.6f (ranks with count >= 2, at most 1000)%n", r.zipfAlpha());
        if (r.tailMass5() != null) {
            out.printf(Locale.ROOT, "tail mass <= 5     %.6f (reference %.6f)%n", r.tailMass5(), r.referenceTailMass5());
            out.printf(Locale.ROOT, "tail mass <= 50    %.6f (reference %.6f)%n", r.tailMass50(),
                    r.referenceTailMass50());
        }
        out.flush();
        return ExitCode.OK;
    }
}
