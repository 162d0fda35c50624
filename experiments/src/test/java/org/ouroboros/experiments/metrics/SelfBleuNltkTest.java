package org.ouroboros.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our self-BLEU against values NLTK itself computed (scripts/nltk_self_bleu.py wrote the fixture). */
class SelfBleuNltkTest {
    @Test
    void matchesNltkReferenceValues() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/selfbleu-nltk.tsv")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(text.startsWith("# self-BLEU reference values from NLTK 3.8"), "fixture header names NLTK 3.8");
        int checked = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            int maxN = Integer.parseInt(cols[1]);
            double nltk = Double.parseDouble(cols[2]);
            List<String[]> samples = new ArrayList<>();
            for (int c = 3; c < cols.length; c++) {
                samples.add(SampleText.split(cols[c]));
            }
            assertEquals(nltk, SelfBleu.selfBleu(samples, maxN), 1e-9, cols[0] + " max_n=" + maxN);
            checked++;
        }
        assertEquals(40, checked);
    }
}
