package org.ouroboros.trainer.checkpoint;

import org.ouroboros.io.Hashing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.io.AtomicFiles;

/**
 * Where a model came from, written as {@code provenance.json} next to its weights so any result can be
 * traced to the code, runtime, configuration, seed and data that produced it (in the manner of Tribuo's
 * provenance). The backend is passed in by the caller so that writing provenance never starts ND4J.
 *
 * @param seed          the run's random seed
 * @param configSha256  SHA-256 of the resolved training/model configuration text
 * @param gitCommit     {@code abc123}, {@code abc123-dirty} or {@code unknown} (see {@link GitCommit})
 * @param javaVersion   JVM version and vendor
 * @param nd4jVersion   nd4j-api version, or {@code unknown}
 * @param backend       the ND4J backend the caller ran on, e.g. {@code CPU} or {@code CUDA 11.6}
 * @param trainingData  the data the model was trained on
 * @param commandLine   the command that produced the model
 * @param created       ISO-8601 UTC instant, e.g. {@code 2025-01-31T12:00:00.123Z}
 * @param extra         anything else the caller wants kept (JSON-serialisable values)
 */
public record Provenance(long seed, String configSha256, String gitCommit, String javaVersion, String nd4jVersion,
                         String backend, List<DataManifestEntry> trainingData, List<String> commandLine,
                         String created, Map<String, Object> extra) {
    /** The file name inside a model directory. */
    public static final String FILE_NAME = "provenance.json";

    public Provenance {
        Objects.requireNonNull(configSha256, "configSha256");
        Objects.requireNonNull(gitCommit, "gitCommit");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(nd4jVersion, "nd4jVersion");
        Objects.requireNonNull(backend, "backend");
        trainingData = trainingData == null ? List.of() : List.copyOf(trainingData);
        commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
        try {
            Instant.parse(Objects.requireNonNull(created, "created"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("created must be an ISO-8601 UTC instant, got " + created, e);
        }
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
    }

    /**
     * Provenance of a run starting now in the current working directory: hashes {@code resolvedConfig}
     * and looks up the git revision and the Java and ND4J versions.
     */
    public static Provenance capture(long seed, String resolvedConfig, String backend,
                                     List<DataManifestEntry> trainingData, List<String> commandLine) {
        return new Provenance(seed, Hashing.sha256Hex(resolvedConfig), GitCommit.describe(),
                RuntimeVersions.java(), RuntimeVersions.nd4j(), backend, trainingData, commandLine,
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), Map.of());
    }

    /** A copy with {@code more} added to {@link #extra} (later keys win). */
    public Provenance withExtra(Map<String, Object> more) {
        Map<String, Object> merged = new LinkedHashMap<>(extra);
        merged.putAll(more);
        return new Provenance(seed, configSha256, gitCommit, javaVersion, nd4jVersion, backend, trainingData,
                commandLine, created, merged);
    }

    /** The indented JSON written to {@code provenance.json}. */
    public String toJson() {
        return Json.writePretty(this) + "\n";
    }

    /** Writes {@link #toJson} to {@code file} atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, toJson());
    }

    /** Reads a {@code provenance.json}; throws {@link BadInputException} if it is malformed. */
    public static Provenance read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses provenance JSON; {@code source} names it in errors. Fields this version does not know are
     * ignored, so checkpoints written by later versions still load.
     */
    public static Provenance parse(String json, String source) {
        try {
            return Json.MAPPER.readerFor(Provenance.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not a valid provenance record: " + e.getOriginalMessage());
        }
    }
}
