package org.ouroboros.experiments.vae;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.data.mnist.IdxFile;
import org.ouroboros.data.mnist.LabeledImages;
import org.ouroboros.io.AtomicFiles;

/**
 * The files of a VAE run, which make it resumable: {@code config.json}; the classifier
 * ({@code classifier/classifier.zip} and its accuracy); one directory per finished generation,
 * {@code gen-0/} (shared by every regime) and {@code REGIME/gen-N/}, holding the generation's samples as an
 * IDX file and its measurements as {@code generation.json}. A generation directory is written whole (a
 * temporary directory renamed into place), so it is either complete or absent.
 */
final class VaeRunDir {
    static final String SAMPLES = "samples-idx3-ubyte";
    static final String GENERATION = "generation.json";

    private final Path root;

    VaeRunDir(Path root) {
        this.root = root.toAbsolutePath();
    }

    Path root() {
        return root;
    }

    /**
     * Records {@code config}, or checks it against the recorded one: a run directory holds one experiment;
     * only the number of generations and the set of regimes may change between invocations.
     */
    void claim(VaeConfig config) {
        Path file = root.resolve("config.json");
        String mine = Json.writePretty(comparable(config));
        if (Files.isRegularFile(file)) {
            try {
                String theirs = Json.writePretty(comparable(Json.MAPPER.readValue(file.toFile(), VaeConfig.class)));
                if (!theirs.equals(mine)) {
                    throw new BadInputException(root + " holds a VAE run with different settings (see its config.json); "
                            + "use another --out, or delete it to start over");
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof BadInputException b) {
                    throw b;
                }
                throw new BadInputException(file + " is not a VAE run's config (" + e.getMessage() + "); use another --out");
            }
        } else if (Files.isDirectory(root) && !isEmpty(root)) {
            throw new BadInputException(root + " exists and is not a VAE run directory (no config.json); use another --out");
        }
        AtomicFiles.writeString(file, Json.writePretty(config));
    }

    private static VaeConfig comparable(VaeConfig c) {
        return new VaeConfig(0, List.of(VaeRegime.REPLACE), c.realFraction(), c.minority(), c.trainImages(),
                c.testImages(), c.epochs(), c.batchSize(), c.shape(), c.classifierEpochs(), c.presentThreshold(), c.seed());
    }

    Path classifierFile() {
        return root.resolve("classifier").resolve("classifier.zip");
    }

    Path classifierAccuracyFile() {
        return root.resolve("classifier").resolve("accuracy.json");
    }

    /** The directory of generation {@code n} of {@code regime} (generation 0 is shared). */
    Path generationDir(VaeRegime regime, int n) {
        return n == 0 ? root.resolve("gen-0") : root.resolve(regime.toString()).resolve("gen-" + n);
    }

    /** A finished generation's measurements, or null if it has not finished. */
    VaeGeneration readGeneration(VaeRegime regime, int n) {
        Path f = generationDir(regime, n).resolve(GENERATION);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(f.toFile(), VaeGeneration.class);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + f + " (" + e.getMessage() + "); delete its directory to rerun it");
        }
    }

    /** A finished generation's samples. */
    LabeledImages readSamples(VaeRegime regime, int n) {
        IdxFile idx = IdxFile.read(generationDir(regime, n).resolve(SAMPLES), 3);
        return new LabeledImages(idx.dims()[1], idx.dims()[2], idx.values(), new byte[idx.items()]);
    }

    /** Writes a generation's samples and measurements as one directory. */
    void writeGeneration(VaeRegime regime, int n, LabeledImages samples, VaeGeneration measured) {
        AtomicFiles.writeDirectory(generationDir(regime, n), dir -> {
            samples.imagesIdx().write(dir.resolve(SAMPLES), false);
            Files.writeString(dir.resolve(GENERATION), Json.writePretty(measured));
        });
    }

    private static boolean isEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
