package org.ouroboros.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.ExitCode;

class VaeCommandTest {
    @Test
    void badOptionsAndMissingDataAreOneLineErrors(@TempDir Path tmp) {
        CliRun bad = CliRun.ouro("toy", "vae", "--out", tmp.resolve("r").toString(), "--minority", "5:2");
        assertEquals(ExitCode.BAD_INPUT, bad.exitCode());
        assertEquals("error: --minority fraction must be in (0, 1], got 2.0", bad.err().strip());
        CliRun regime = CliRun.ouro("toy", "vae", "--out", tmp.resolve("r").toString(), "--regime", "replace,bogus");
        assertEquals(ExitCode.BAD_INPUT, regime.exitCode());
        assertTrue(regime.err().contains("--regime"), regime.err());
        CliRun noData = CliRun.ouro("toy", "vae", "--out", tmp.resolve("r").toString(), "--data-dir",
                tmp.resolve("nothing").toString());
        assertEquals(ExitCode.BAD_INPUT, noData.exitCode());
        assertTrue(noData.err().strip().lines().count() == 1 && noData.err().contains("ouro data fetch fashion-mnist"),
                noData.err());
        CliRun help = CliRun.ouro("toy", "vae", "--help");
        assertEquals(ExitCode.OK, help.exitCode());
        assertTrue(help.out().contains("--minority=CLASSES:FRACTION"), help.out());
    }
}
