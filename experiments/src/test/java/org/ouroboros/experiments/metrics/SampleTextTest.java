package org.ouroboros.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleTextTest {
    @Test
    void splitsLikePythonStrSplit() {
        // Python: "  a\tb\u00a0c\u2003d\u0085e\u200bf  ".split() == ['a', 'b', 'c', 'd', 'e\u200bf']
        assertArrayEquals(new String[] {"a", "b", "c", "d", "e\u200bf"},
                SampleText.split("  a\tb\u00a0c\u2003d\u0085e\u200bf  "));
        assertArrayEquals(new String[0], SampleText.split("   "));
    }

    @Test
    void readsOneSamplePerLineKeepingBlankLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.txt");
        Files.writeString(f, "a b\n\nc  d e\n");
        List<String[]> s = SampleText.read(f);
        assertEquals(3, s.size());
        assertEquals(0, s.get(1).length);
        assertArrayEquals(new String[] {"c", "d", "e"}, s.get(2));
    }
}
