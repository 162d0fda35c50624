package org.ouroboros.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.testing.Stderr;

class RunLayoutTest {
    @Test
    void forceNewSaysWhereTheOldRunWent(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        ExperimentConfig first = ExperimentConfigs.parse("generations: 2\n", "a.yaml");
        RunLayout.open(dir, first, false);
        Files.writeString(dir.resolve("metrics.csv"), "old results\n");
        ExperimentConfig other = ExperimentConfigs.parse("generations: 3\nseeds: [7]\n", "b.yaml");
        String said = Stderr.of(() -> RunLayout.open(dir, other, true));
        Path aside;
        try (Stream<Path> s = Files.list(tmp)) {
            aside = s.filter(p -> p.getFileName().toString().startsWith("run.replaced-")).findFirst().orElseThrow();
        }
        assertEquals("--force-new: moved the run of another config from " + dir.toAbsolutePath() + " to "
                + aside.toAbsolutePath(), said.strip());
        assertEquals("old results\n", Files.readString(aside.resolve("metrics.csv")), "the old run is intact there");
        assertTrue(Files.readString(dir.resolve("config.resolved.yaml")).contains("generations: 3"));
    }
}
