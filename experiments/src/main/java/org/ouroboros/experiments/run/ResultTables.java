package org.ouroboros.experiments.run;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ouroboros.io.AtomicFiles;

/**
 * The run's CSV files, rewritten (atomically) after every generation from the records so far:
 * {@code metrics.csv}, {@code category_perplexity.csv}, {@code sequence_perplexity.csv},
 * {@code synthetic_perplexity.csv} (gen-0 perplexity of the synthetic blocks each generation wrote),
 * {@code test_block_nll.csv} (each real test block's NLL) and {@code timings.csv} (wall-clock times are kept
 * apart so a resumed run's metrics equal an uninterrupted one's).
 *
 * <p>{@code sequence_perplexity.csv} holds per-sequence perplexities under the generation-0 model: for
 * generation 0 the real training blocks, for generation n the whole synthetic corpus generation n-1 wrote
 * (the part of generation n's training set that is new), before any regime's selection (docs/science.md).
 */
final class ResultTables {
    /** One generation's record under the regime label it is reported for (generation 0 appears under each). */
    record Entry(String regime, GenerationRecord record) {
    }

    private ResultTables() {
    }

    static void write(RunLayout layout, List<Entry> entries) {
        List<String> extra = extraColumns(entries);
        List<String> header = new java.util.ArrayList<>(MetricsRow.COLUMNS);
        header.addAll(extra);
        writeCsv(layout.file("metrics.csv"), header, printer -> {
            for (Entry e : entries) {
                List<String> cells = new java.util.ArrayList<>(e.record().metrics().withRegime(e.regime()).cells());
                for (String c : extra) {
                    Double v = e.record().extra().get(c);
                    cells.add(v == null ? "" : MetricsRow.num(v));
                }
                printer.printRecord(cells);
            }
        });
        writeCsv(layout.file("category_perplexity.csv"),
                List.of("regime", "seed", "generation", "category", "test_perplexity", "test_tokens"), printer -> {
                    for (Entry e : entries) {
                        MetricsRow m = e.record().metrics();
                        for (Map.Entry<String, GenerationRecord.CategoryScore> c : e.record().categories().entrySet()) {
                            printer.printRecord(e.regime(), m.seed(), m.generation(), c.getKey(),
                                    MetricsRow.num(c.getValue().perplexity()), c.getValue().tokens());
                        }
                    }
                });
        writeCsv(layout.file("sequence_perplexity.csv"), List.of("regime", "seed", "generation", "sequence",
                "perplexity"), printer -> {
                    for (Entry e : entries) {
                        MetricsRow m = e.record().metrics();
                        double[] p = e.record().sequencePerplexity();
                        for (int i = 0; i < p.length; i++) {
                            printer.printRecord(e.regime(), m.seed(), m.generation(), i, MetricsRow.num(p[i]));
                        }
                    }
                });
        writeCsv(layout.file("synthetic_perplexity.csv"), List.of("regime", "seed", "generation", "sequence",
                "perplexity"), printer -> {
                    for (Entry e : entries) {
                        MetricsRow m = e.record().metrics();
                        double[] p = e.record().syntheticGen0Perplexity();
                        for (int i = 0; i < p.length; i++) {
                            printer.printRecord(e.regime(), m.seed(), m.generation(), i, MetricsRow.num(p[i]));
                        }
                    }
                });
        writeCsv(layout.file("test_block_nll.csv"), List.of("regime", "seed", "generation", "block", "nll"),
                printer -> {
                    for (Entry e : entries) {
                        MetricsRow m = e.record().metrics();
                        double[] nll = e.record().testBlockNll();
                        for (int i = 0; i < nll.length; i++) {
                            printer.printRecord(e.regime(), m.seed(), m.generation(), i, MetricsRow.num(nll[i]));
                        }
                    }
                });
        writeCsv(layout.file("timings.csv"), List.of("regime", "seed", "generation", "train_seconds",
                "generate_seconds"), printer -> {
                    for (Entry e : entries) {
                        MetricsRow m = e.record().metrics();
                        printer.printRecord(e.regime(), m.seed(), m.generation(),
                                MetricsRow.num(e.record().trainSeconds()), MetricsRow.num(e.record().generateSeconds()));
                    }
                });
    }

    /** The extra metric columns of the records, in the order they first appear. */
    static List<String> extraColumns(List<Entry> entries) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (Entry e : entries) {
            names.addAll(e.record().extra().keySet());
        }
        return List.copyOf(names);
    }

    @FunctionalInterface
    interface Rows {
        void print(CSVPrinter printer) throws IOException;
    }

    static void writeCsv(Path file, List<String> header, Rows rows) {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                    .setHeader(header.toArray(new String[0])).setRecordSeparator('\n').get());
            rows.print(printer);
            printer.flush();
        });
    }
}
