package org.ouroboros.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.io.AtomicFiles;
import org.ouroboros.trainer.train.TrainResult;

/**
 * Everything measured in one generation, as stored in its {@code record.json}: the metrics row, test
 * perplexity per category, the generation-0 perplexity of each of its training sequences (the histogram
 * data), the generation-0 perplexity of each synthetic block it wrote, the training curve and timings, and
 * further metrics by column name ({@code extra}: collapse metrics, provenance shares, detector scores;
 * empty in records written before they existed), written after the fixed columns of {@code metrics.csv},
 * and the summed NLL of each real test block (in the order of {@code test_blocks.csv}; empty in records
 * written before it was kept), from which the report bootstraps per-genre intervals.
 */
public record GenerationRecord(MetricsRow metrics, Map<String, CategoryScore> categories,
                               double[] sequencePerplexity, double[] syntheticGen0Perplexity,
                               List<TrainResult.Epoch> epochs, double trainSeconds, double generateSeconds,
                               Map<String, Double> extra, double[] testBlockNll) {
    static final String FILE = "record.json";

    public GenerationRecord {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
        testBlockNll = testBlockNll == null ? new double[0] : testBlockNll;
    }

    /** Test perplexity of one category and the tokens it was measured on. */
    public record CategoryScore(double perplexity, long tokens) {
    }

    public boolean failed() {
        return !"ok".equals(metrics.status());
    }

    void write(Path dir) {
        AtomicFiles.writeString(dir.resolve(FILE), Json.write(this));
    }

    static GenerationRecord read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            return Json.MAPPER.readValue(file.toFile(), GenerationRecord.class);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + " (" + e.getMessage().split("\n")[0]
                    + "); delete " + dir + " to redo that generation");
        }
    }
}
