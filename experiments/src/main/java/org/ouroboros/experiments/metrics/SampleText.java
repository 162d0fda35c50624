package org.ouroboros.experiments.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples as text: one sample per line, tokens separated by whitespace. Splitting follows Python's
 * {@code str.split()} (any Unicode whitespace, runs collapse, no empty tokens) so that our metrics and
 * NLTK scripts tokenise a file identically.
 */
public final class SampleText {
    private SampleText() {
    }

    /** The tokens of {@code line}, split as Python's {@code line.split()} would. */
    public static String[] split(String line) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < line.length(); i++) {
            if (isPythonSpace(line.charAt(i))) {
                if (start >= 0) {
                    tokens.add(line.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            tokens.add(line.substring(start));
        }
        return tokens.toArray(new String[0]);
    }

    /**
     * Every line of {@code file} as a tokenised sample (UTF-8). A blank line is an empty sample; a final
     * newline does not start another sample.
     */
    public static List<String[]> read(Path file) throws IOException {
        List<String[]> samples = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                samples.add(split(line));
            }
        }
        return samples;
    }

    /** Each sample's tokens as int ids, equal strings equal ids (for the count-based metrics). */
    public static List<int[]> ids(List<String[]> samples) {
        return Tokens.intern(samples);
    }

    /** Python's {@code str.isspace()} for one UTF-16 unit: Unicode whitespace plus the separators. */
    static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
