package org.ouroboros.experiments.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.corpus.TextFiles;
import org.ouroboros.experiments.metrics.SampleText;

/** Reads a samples file for the metrics commands, turning the user's mistakes into one clear line. */
final class SampleInput {
    static final String EXPECTED = "expected a UTF-8 text file with one sample per line, tokens separated by spaces";

    private SampleInput() {
    }

    /** The samples of {@code file}; never empty and with at least one token. */
    static List<String[]> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("input file not found: " + file + " (" + EXPECTED + ")");
        }
        List<String[]> samples;
        try {
            samples = SampleText.read(file);
        } catch (CharacterCodingException e) {
            throw TextFiles.notUtf8(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        long tokens = samples.stream().mapToLong(s -> s.length).sum();
        if (tokens == 0) {
            throw new BadInputException("input file " + file + " has no tokens (" + samples.size()
                    + " lines); " + EXPECTED);
        }
        return samples;
    }
}
