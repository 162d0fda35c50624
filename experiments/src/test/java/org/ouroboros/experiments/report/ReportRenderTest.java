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
 * of the whole page; a page with an image that does not display, or one that shows nothing, fails the check with
 * one line naming the page (and the image). Slow and needs Chromium, hence opt-in.
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

        Path page = run.resolve("report").resolve("report.html");
        Files.delete(run.resolve("report").resolve(RunReport.SEQUENCE_PERPLEXITY));
        assertEquals("error: " + page.toAbsolutePath() + ": image " + RunReport.SEQUENCE_PERPLEXITY
                + " does not display (failed to load, or decoded to no pixels)", lastLine(render(run.resolve("b.png"), 1)));

        Files.writeString(page, "");
        assertTrue(lastLine(render(run.resolve("empty.png"), 1)).startsWith("error: " + page.toAbsolutePath()
                + " rendered as an empty page"), "a page that shows nothing fails");
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
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
