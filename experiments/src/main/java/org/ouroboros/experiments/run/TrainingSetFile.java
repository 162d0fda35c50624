package org.ouroboros.experiments.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ouroboros.experiments.regime.BlockOrigin;
import org.ouroboros.experiments.report.CsvFiles;

/**
 * {@code training_set.csv} of a generation directory: one row per training block, in training-set order,
 * with its origin ({@code real} or {@code synthetic}), the generation whose model wrote it (empty for real
 * blocks), the real training block it is or continues (empty when unknown) and its weight in the loss.
 */
final class TrainingSetFile {
    static final String FILE = "training_set.csv";
    static final List<String> HEADER = List.of("block", "origin", "generation", "continues", "weight");

    private TrainingSetFile() {
    }

    static void write(Path dir, List<BlockOrigin> origins, double[] weights) {
        List<List<Object>> rows = new ArrayList<>(origins.size());
        for (int i = 0; i < origins.size(); i++) {
            BlockOrigin o = origins.get(i);
            rows.add(List.of(i, o.origin(), o.generation() < 0 ? "" : o.generation(),
                    o.continues() < 0 ? "" : o.continues(), CsvFiles.number(weights[i])));
        }
        CsvFiles.write(dir.resolve(FILE), HEADER, rows);
    }
}
