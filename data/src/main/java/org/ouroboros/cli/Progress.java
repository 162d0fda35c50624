package org.ouroboros.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work on stderr: a live bar with ETA on a terminal, a plain line every few seconds
 * otherwise (CI logs, pipes). {@code OURO_PROGRESS=bar|plain|off} overrides the choice.
 */
public abstract class Progress implements AutoCloseable {
    private static final long PLAIN_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    /** Starts reporting {@code task}, which has {@code total} units of work named {@code unit}. */
    public static Progress start(String task, long total, String unit) {
        String mode = System.getenv().getOrDefault("OURO_PROGRESS", System.console() != null ? "bar" : "plain");
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "off" -> new Silent();
            case "bar" -> new Bar(task, total, unit);
            default -> new Plain(task, total, unit, System.err);
        };
    }

    /** Sets the units done so far and a short status such as {@code "loss 3.21 | 1,650 tok/s"}. */
    public abstract void update(long done, String status);

    @Override
    public abstract void close();

    /** Formats a duration as {@code 1h02m}, {@code 3m05s} or {@code 12s}. */
    public static String formatDuration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }

    private static final class Silent extends Progress {
        @Override
        public void update(long done, String status) {
        }

        @Override
        public void close() {
        }
    }

    private static final class Bar extends Progress {
        private final ProgressBar bar;

        Bar(String task, long total, String unit) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setUnit(" " + unit, 1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(250)
                    .continuousUpdate()
                    .build();
        }

        @Override
        public void update(long done, String status) {
            bar.stepTo(done);
            bar.setExtraMessage(status);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    private static final class Plain extends Progress {
        private final String task;
        private final long total;
        private final String unit;
        private final PrintStream out;
        private final long startNanos = System.nanoTime();
        private long lastPrintNanos = startNanos;
        private long done;
        private String status = "";

        Plain(String task, long total, String unit, PrintStream out) {
            this.task = task;
            this.total = total;
            this.unit = unit;
            this.out = out;
        }

        @Override
        public void update(long done, String status) {
            this.done = done;
            this.status = status;
            long now = System.nanoTime();
            if (now - lastPrintNanos >= PLAIN_INTERVAL_NANOS) {
                lastPrintNanos = now;
                print(now);
            }
        }

        @Override
        public void close() {
            print(System.nanoTime());
        }

        private void print(long now) {
            Duration elapsed = Duration.ofNanos(now - startNanos);
            String eta = done > 0 && total > done
                    ? " eta " + formatDuration(elapsed.multipliedBy(total - done).dividedBy(done))
                    : "";
            double pct = total > 0 ? 100.0 * done / total : 100.0;
            out.printf(Locale.ROOT, "%s %d/%d %s (%.0f%%) %s elapsed %s%s%n",
                    task, done, total, unit, pct, status, formatDuration(elapsed), eta);
            out.flush();
        }
    }
}
