package org.ouroboros.trainer.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The NVIDIA GPUs this machine shows, read from {@code nvidia-smi} (no native library is loaded, so asking
 * is safe on any machine). No {@code nvidia-smi}, or one that fails, means no usable GPU.
 */
public final class Gpus {
    private static final long TIMEOUT_SECONDS = 20;

    private Gpus() {
    }

    /** The GPUs and, when there are none, why (e.g. "nvidia-smi not found"). */
    public record Visible(List<Gpu> gpus, String noneReason) {
        public Visible {
            gpus = List.copyOf(gpus);
        }
    }

    /** Asks {@code nvidia-smi}. */
    public static Visible query() {
        ProcessBuilder pb = new ProcessBuilder("nvidia-smi",
                "--query-gpu=index,name,compute_cap,memory.total,driver_version", "--format=csv,noheader,nounits");
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Visible(List.of(), "nvidia-smi did not answer within " + TIMEOUT_SECONDS + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                return new Visible(List.of(), "nvidia-smi failed: " + text.strip().lines().findFirst().orElse(""));
            }
            List<Gpu> gpus = parse(text);
            return new Visible(gpus, gpus.isEmpty() ? "nvidia-smi lists no GPU" : null);
        } catch (IOException e) {
            return new Visible(List.of(), "no GPU visible (nvidia-smi not found)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Visible(List.of(), "interrupted while asking nvidia-smi");
        }
    }

    /** Parses {@code index, name, compute_cap, memory.total, driver_version} CSV lines; bad lines are skipped. */
    public static List<Gpu> parse(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.strip().split("\n")) {
            String[] f = line.split(",");
            if (f.length < 5) {
                continue;
            }
            try {
                String[] cc = f[2].strip().split("\\.");
                gpus.add(new Gpu(Integer.parseInt(f[0].strip()), f[1].strip(), Integer.parseInt(cc[0]),
                        cc.length > 1 ? Integer.parseInt(cc[1]) : 0, Long.parseLong(f[3].strip()), f[4].strip()));
            } catch (NumberFormatException e) {
                // a line nvidia-smi could not fill ("[N/A]"): not a GPU we can use
            }
        }
        return gpus;
    }
}
