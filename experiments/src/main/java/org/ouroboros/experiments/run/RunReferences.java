package org.ouroboros.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ouroboros.cli.Json;
import org.ouroboros.data.tokens.BlockSet;
import org.ouroboros.experiments.base.PretrainedBase;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.trainer.checkpoint.ModelCheckpoints;
import org.ouroboros.trainer.engine.Engine;

/**
 * What a run is measured against, written once at its start: {@code test_blocks.csv} (each real test
 * block's genre and token count, the order of {@code test_block_nll.csv}) and, when the run starts from a
 * base model, {@code base.json}: the base (path, and for a pretrained base its cache key, whether it was
 * reused and its own pretraining figures) and its zero-shot test perplexity on the run's corpus, overall
 * and per genre (the paper's 115 against the fine-tune's 34).
 */
final class RunReferences {
    static final String BASE_FILE = "base.json";

    private RunReferences() {
    }

    /** The zero-shot record of {@code base.json}. */
    record ZeroShot(String base, PretrainedBase.Result pretrained, String corpus, double testPerplexity,
                    Map<String, GenerationRecord.CategoryScore> categories) {
    }

    static void write(RunLayout layout, ExperimentConfig config, RunData data, PretrainedBase.Result pretrained,
                      Engine engine) {
        BlockSet test = data.test();
        ResultTables.writeCsv(layout.file("test_blocks.csv"), List.of("block", "category", "tokens"), printer -> {
            for (int i = 0; i < test.size(); i++) {
                printer.printRecord(i, test.categoryName(i), test.block(i).length - 1);
            }
        });
        if (config.model().base() == null) {
            return;
        }
        Path file = layout.file(BASE_FILE);
        if (Files.isRegularFile(file) && sameBase(file, config.model().base())) {
            return;
        }
        Measurements.TestScores s = Measurements.test(ModelCheckpoints.load(Path.of(config.model().base()), engine).model(),
                test, config.metrics().evalBatchSize());
        ZeroShot z = new ZeroShot(config.model().base(), pretrained, data.corpusName(), s.perplexity(),
                new LinkedHashMap<>(s.categories()));
        org.ouroboros.io.AtomicFiles.writeString(file, Json.writePretty(z) + "\n");
        System.err.printf(Locale.ROOT, "base model: zero-shot test ppl %.2f on %s%n", s.perplexity(),
                data.corpusName());
    }

    private static boolean sameBase(Path file, String base) {
        try {
            return base.equals(Json.MAPPER.readTree(file.toFile()).path("base").asText());
        } catch (IOException e) {
            return false;
        }
    }
}
