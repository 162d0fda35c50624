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
 * Chromium (installing Chromium with apt-get if it is missing), and the screenshot must be a non-blank image
 * of the whole page; a report whose image is missing fails the check. Slow and needs Chromium, hence opt-in.
 */
@Tag("slow")
class ReportRenderTest {
    @TempDir
    Path run;

    @Test
    void headlessChromiumRendersTheWholeReportAndNoticesABrokenImage() throws Exception {
        SyntheticRun.write(run);
        RunReport.write(run);
        Path shot = run.resolve("shot.png");
        String output = render(shot, 0);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+) px high, every image displayed\\)")
                .matcher(output);
        assertTrue(m.find(), output);
        int height = Integer.parseInt(m.group(1));
        assertTrue(height > 3000, "the whole page, not the first screen: " + height);
        assertTrue(Files.size(shot) > 50_000, "screenshot has content");
        PngAssert.assertPng(shot, 1400, height);

        Files.delete(run.resolve("report").resolve(RunReport.SEQUENCE_PERPLEXITY));
        String broken = render(run.resolve("broken.png"), 1);
        assertTrue(broken.contains("has images that do not display: [\"" + RunReport.SEQUENCE_PERPLEXITY + "\"]"), broken);
    }

    private String render(Path shot, int expectedExit) throws Exception {
        Path script = Path.of("..", "scripts", "check-report-render").toAbsolutePath().normalize();
        Process p = new ProcessBuilder(script.toString(), "--no-regenerate", run.toString(), shot.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "chromium finished");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expectedExit, p.exitValue(), output);
        return output;
    }
}
