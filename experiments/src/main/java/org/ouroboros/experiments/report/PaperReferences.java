package org.ouroboros.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ouroboros.cli.Json;

/**
 * The reference perplexities of a run that starts from a base model, from its {@code base.json}: the
 * base's zero-shot test perplexity on the run's corpus (the paper's 115 for OPT-125M on wikitext-2) and,
 * for a base pretrained by the run, its test perplexity on its own pretraining corpus. NaN when unknown.
 *
 * @param zeroShot       base on the run's test split
 * @param baseOwn        base on its pretraining corpus's test split
 * @param baseCorpus     name of the pretraining corpus (null if unknown)
 * @param corpus         name of the run's corpus (null if unknown)
 */
record PaperReferences(double zeroShot, double baseOwn, String baseCorpus, String corpus) {
    static final String FILE = "base.json";

    /** Nothing known. */
    static PaperReferences none() {
        return new PaperReferences(Double.NaN, Double.NaN, null, null);
    }

    /** Reads {@code RUN_DIR/base.json}; {@link #none} when absent or unreadable. */
    static PaperReferences read(Path runDir) {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return none();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(f.toFile());
            JsonNode figures = n.path("pretrained").path("figures");
            return new PaperReferences(n.path("test_perplexity").asDouble(Double.NaN),
                    figures.path("test_perplexity").asDouble(Double.NaN),
                    figures.hasNonNull("corpus") ? figures.get("corpus").asText() : null,
                    n.hasNonNull("corpus") ? n.get("corpus").asText() : null);
        } catch (IOException e) {
            return none();
        }
    }

    boolean known() {
        return Double.isFinite(zeroShot);
    }
}
