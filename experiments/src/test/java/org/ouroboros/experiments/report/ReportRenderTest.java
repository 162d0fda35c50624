package org.ouroboros.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report page as a browser shows it: scripts/check-report-render screenshots it with headless
 * Chromium (installing Chromium with apt-get if it is missing), and the screenshot must be a full-size,
 * non-blank image. Slow and needs Chromium, hence opt-in.
 */
@Tag("slow")
class ReportRenderTest {
    @TempDir
    Path run;

    @Test
    void headlessChromiumRendersTheReport() throws Exception {
        SyntheticRun.write(run);
        RunReport.write(run);
        Path script = Path.of("..", "scripts", "check-report-render").toAbsolutePath().normalize();
        Path shot = run.resolve("shot.png");
        Process p = new ProcessBuilder(script.toString(), "--no-regenerate", run.toString(), shot.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "chromium finished");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(Files.size(shot) > 50_000, "screenshot has content");
        PngAssert.assertPng(shot, 1400, 3000);
    }
}
