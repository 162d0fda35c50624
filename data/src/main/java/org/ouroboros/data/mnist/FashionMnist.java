package org.ouroboros.data.mnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.io.AtomicFiles;
import org.ouroboros.io.Hashing;

/**
 * Fashion-MNIST (Xiao et al. 2017: 60,000 training and 10,000 test images of 28x28, 10 clothing classes),
 * obtained from Debian's {@code dataset-fashion-mnist} package or from IDX files a user already has,
 * checked, and cached under {@code <data-dir>/fashion-mnist} as the four gzipped IDX files plus a manifest
 * of their SHA256. A valid cache makes fetching a no-op; a damaged one is fetched again.
 */
public final class FashionMnist {
    /** Sub-directory of the data directory. */
    public static final String DIR = "fashion-mnist";
    /** The four files, in the order train images, train labels, test images, test labels. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    /** The class names, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Image side in pixels. */
    public static final int SIDE = 28;
    /** Where the package installs the files. */
    static final String PACKAGE_DIR = "usr/share/datasets/fashion-mnist";
    static final String MANIFEST = "manifest.json";

    private FashionMnist() {
    }

    /** The cache's record of where the files came from and what they hash to. */
    public record Manifest(String source, String debSha256, Map<String, String> sha256, int train, int test) {
    }

    /** What {@link #fetch} did. */
    public record FetchResult(Path dir, boolean alreadyPresent, String source, boolean fromAptCache, int train,
                              int test, double seconds) {
    }

    /** The training and test sets. */
    public record Data(LabeledImages train, LabeledImages test) {
    }

    /**
     * Fills the cache unless it is valid: from {@code from} (a directory with the four IDX files, gzipped
     * or not) if given, else from the Debian package.
     *
     * @param aptBin   directory of {@code apt-get}/{@code apt-cache} (null: the PATH)
     * @param aptCache apt's archive directory, looked in before downloading (null: none)
     */
    public static FetchResult fetch(Path dataDir, Path from, Path aptBin, Path aptCache) {
        return fetch(dataDir, from, AptPackage.FASHION_MNIST, aptBin, aptCache);
    }

    /** {@link #fetch(Path, Path, Path, Path)} from package {@code pkg} (tests build their own). */
    static FetchResult fetch(Path dataDir, Path from, AptPackage pkg, Path aptBin, Path aptCache) {
        long start = System.nanoTime();
        Path dir = dataDir.resolve(DIR);
        Manifest existing = from == null ? validManifest(dir) : null;
        if (existing != null) {
            return new FetchResult(dir, true, existing.source(), false, existing.train(), existing.test(),
                    seconds(start));
        }
        if (from != null) {
            Manifest m = install(dir, from, "files in " + from.toAbsolutePath(), null);
            return new FetchResult(dir, false, m.source(), false, m.train(), m.test(), seconds(start));
        }
        Path work = tempDir(dataDir);
        try {
            AptPackage.Obtained deb = pkg.obtain(work, aptBin, aptCache);
            Path unpacked = work.resolve("unpacked");
            DebArchive.extractData(deb.deb(), unpacked);
            Manifest m = install(dir, unpacked.resolve(PACKAGE_DIR), "Debian package " + pkg.spec(), deb.sha256());
            return new FetchResult(dir, false, m.source(), deb.fromAptCache(), m.train(), m.test(), seconds(start));
        } finally {
            try {
                AtomicFiles.deleteRecursively(work);
            } catch (IOException ignored) {
                // a leftover temp directory is harmless
            }
        }
    }

    /** The cached data set; a missing or damaged cache is an error that says how to fetch it. */
    public static Data load(Path dataDir) {
        Path dir = dataDir.resolve(DIR);
        if (validManifest(dir) == null) {
            throw new BadInputException("Fashion-MNIST is not in " + dir + " (or is damaged): run "
                    + "'ouro data fetch fashion-mnist' (or pass --data-dir)");
        }
        return read(dir);
    }

    /** Parses the four files of {@code dir} (gzipped or not), checking shapes and labels. */
    static Data read(Path dir) {
        LabeledImages train = pair(dir, FILES.get(0), FILES.get(1));
        LabeledImages test = pair(dir, FILES.get(2), FILES.get(3));
        return new Data(train, test);
    }

    private static LabeledImages pair(Path dir, String images, String labels) {
        Path img = locate(dir, images);
        LabeledImages set = LabeledImages.of(IdxFile.read(img, 3), IdxFile.read(locate(dir, labels), 1),
                img.toString());
        if (set.rows() != SIDE || set.cols() != SIDE) {
            throw new BadInputException(img + ": expected " + SIDE + "x" + SIDE + " images, found " + set.rows() + "x"
                    + set.cols());
        }
        for (int i = 0; i < set.count(); i++) {
            if (set.label(i) >= CLASSES.size()) {
                throw new BadInputException(locate(dir, labels) + ": label " + set.label(i) + " of image " + i
                        + " is not a class 0.." + (CLASSES.size() - 1));
            }
        }
        return set;
    }

    /** {@code dir/name}, or the same file without {@code .gz}. */
    private static Path locate(Path dir, String name) {
        Path gz = dir.resolve(name);
        Path raw = dir.resolve(name.substring(0, name.length() - ".gz".length()));
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new BadInputException("missing " + gz + " (or " + raw.getFileName() + "); the four Fashion-MNIST files "
                + "are " + String.join(", ", FILES));
    }

    private static Manifest install(Path dir, Path source, String label, String debSha256) {
        Data data = read(source);
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String name : FILES) {
            Path src = locate(source, name);
            Path dest = dir.resolve(name);
            if (src.getFileName().toString().endsWith(".gz")) {
                AtomicFiles.write(dest, out -> Files.copy(src, out));
            } else {
                LabeledImages set = name.startsWith("train") ? data.train() : data.test();
                (name.contains("images") ? set.imagesIdx() : set.labelsIdx()).write(dest, true);
            }
            hashes.put(name, Hashing.sha256Hex(dest));
        }
        Manifest m = new Manifest(label, debSha256, hashes, data.train().count(), data.test().count());
        AtomicFiles.writeString(dir.resolve(MANIFEST), Json.writePretty(m));
        return m;
    }

    /** The manifest if it and the four files it lists are intact, else null. */
    static Manifest validManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Manifest m = Json.MAPPER.readValue(file.toFile(), Manifest.class);
            for (String name : FILES) {
                Path f = dir.resolve(name);
                if (!Files.isRegularFile(f) || !Hashing.sha256Hex(f).equals(m.sha256().get(name))) {
                    return null;
                }
            }
            return m;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Path tempDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return Files.createTempDirectory(dataDir, ".fashion-mnist-download");
        } catch (IOException e) {
            throw new BadInputException("cannot create the data directory " + dataDir + ": " + e.getMessage());
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
