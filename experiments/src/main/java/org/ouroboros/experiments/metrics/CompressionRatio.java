package org.ouroboros.experiments.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Compression ratio as a diversity measure (Shaib et al. 2024): gzip-compressed bytes over raw UTF-8 bytes
 * of the corpus, its samples joined by newlines. Redundant, repetitive text compresses well, so a lower
 * ratio means less diversity. Deterministic: deflate level {@value #LEVEL} (gzip's default) and the fixed
 * header Java writes (no file name, modification time 0).
 */
public final class CompressionRatio {
    /** The deflate level, gzip's default. */
    public static final int LEVEL = 6;

    private CompressionRatio() {
    }

    /** Compressed over raw size of {@code samples} joined by newlines; NaN when the text is empty. */
    public static double of(List<String> samples) {
        byte[] raw = String.join("\n", samples).getBytes(StandardCharsets.UTF_8);
        return raw.length == 0 ? Double.NaN : (double) gzipSize(raw) / raw.length;
    }

    /** Bytes of the gzip stream of {@code raw} (header and trailer included). */
    public static int gzipSize(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new LeveledGzip(bytes)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(ByteArrayOutputStream out) throws IOException {
            super(out);
            def.setLevel(LEVEL);
            def.setStrategy(Deflater.DEFAULT_STRATEGY);
        }
    }
}
