package org.ouroboros.data.mnist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * Small Fashion-MNIST look-alikes for tests: 28x28 images whose class shows as a bright horizontal band
 * (class k covers rows 2k+4..2k+6) over faint noise, written as the four IDX files, and Debian packages
 * holding them in the real package's layout.
 */
public final class MnistFixtures {
    private MnistFixtures() {
    }

    /** {@code n} images, labels cycling 0..9, seeded. */
    public static LabeledImages images(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = FashionMnist.SIDE * FashionMnist.SIDE;
        byte[] pixels = new byte[n * d];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int k = i % 10;
            labels[i] = (byte) k;
            for (int r = 0; r < FashionMnist.SIDE; r++) {
                for (int c = 0; c < FashionMnist.SIDE; c++) {
                    boolean band = r >= 2 * k + 4 && r <= 2 * k + 6 && c >= 4 && c < 24;
                    int v = band ? 200 + rng.nextInt(56) : rng.nextInt(30);
                    pixels[i * d + r * FashionMnist.SIDE + c] = (byte) v;
                }
            }
        }
        return new LabeledImages(FashionMnist.SIDE, FashionMnist.SIDE, pixels, labels);
    }

    /** Writes the four gzipped IDX files of {@code train} and {@code test} into {@code dir}. */
    public static Path writeIdx(Path dir, LabeledImages train, LabeledImages test) {
        train.imagesIdx().write(dir.resolve(FashionMnist.FILES.get(0)), true);
        train.labelsIdx().write(dir.resolve(FashionMnist.FILES.get(1)), true);
        test.imagesIdx().write(dir.resolve(FashionMnist.FILES.get(2)), true);
        test.labelsIdx().write(dir.resolve(FashionMnist.FILES.get(3)), true);
        return dir;
    }

    /** A data directory holding a fetched (cached) fixture of {@code train} + {@code test} images. */
    public static Path dataDir(Path dir, int train, int test) {
        Path idx = writeIdx(dir.resolve("idx"), images(train, 1), images(test, 2));
        FashionMnist.fetch(dir.resolve("data"), idx, null, null);
        return dir.resolve("data");
    }

    /** One member of a tar archive: a regular file, or any entry (link, device) with no data. */
    public record TarItem(TarArchiveEntry entry, byte[] data) {
        /** A regular file. */
        public static TarItem file(String name, byte[] data) {
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setSize(data.length);
            return new TarItem(e, data);
        }
    }

    /** The files of {@code idxDir} as the package lays them out ({@code ./usr/share/datasets/fashion-mnist/}). */
    public static List<TarItem> packageLayout(Path idxDir) throws IOException {
        List<TarItem> items = new ArrayList<>();
        for (String name : FashionMnist.FILES) {
            items.add(TarItem.file("./" + FashionMnist.PACKAGE_DIR + "/" + name, Files.readAllBytes(idxDir.resolve(name))));
        }
        return items;
    }

    /** Writes a {@code .deb}: debian-binary, control.tar.gz, then {@code data.tar.xz} (or .gz) of {@code items}. */
    public static Path deb(Path file, boolean xz, List<TarItem> items) throws IOException {
        byte[] control = tar(false, List.of(TarItem.file("./control",
                "Package: dataset-fashion-mnist\n".getBytes(StandardCharsets.UTF_8))));
        byte[] data = tar(xz, items);
        try (OutputStream out = Files.newOutputStream(file); ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
            member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            member(ar, "control.tar.gz", control);
            member(ar, xz ? "data.tar.xz" : "data.tar.gz", data);
        }
        return file;
    }

    private static void member(ArArchiveOutputStream ar, String name, byte[] data) throws IOException {
        ar.putArchiveEntry(new ArArchiveEntry(name, data.length));
        ar.write(data);
        ar.closeArchiveEntry();
    }

    private static byte[] tar(boolean xz, List<TarItem> items) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream comp = xz ? new XZCompressorOutputStream(bytes) : new GzipCompressorOutputStream(bytes);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(comp)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarItem it : items) {
                tar.putArchiveEntry(it.entry());
                if (it.data() != null) {
                    tar.write(it.data());
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
