package org.ouroboros.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Cli;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.data.cli.DataCommand;
import org.ouroboros.io.Hashing;

/**
 * The fetch path end to end on a package the test builds, with stand-ins for apt-get and apt-cache (shell
 * scripts that hand over that package and report a SHA256), so no network or package index is needed.
 */
class FashionMnistFetchTest {
    @TempDir
    Path tmp;

    private LabeledImages train;
    private LabeledImages test;
    private Path deb;
    private AptPackage pkg;

    @BeforeEach
    void buildPackage() throws IOException {
        train = MnistFixtures.images(30, 1);
        test = MnistFixtures.images(10, 2);
        Path idx = MnistFixtures.writeIdx(tmp.resolve("idx"), train, test);
        deb = MnistFixtures.deb(tmp.resolve("built.deb"), true, MnistFixtures.packageLayout(idx));
        pkg = new AptPackage(AptPackage.FASHION_MNIST.name(), AptPackage.FASHION_MNIST.version(), Hashing.sha256Hex(deb));
    }

    @Test
    void downloadsChecksUnpacksAndCaches() throws IOException {
        Path apt = fakeApt("apt", pkg.sha256(), deb);
        Path data = tmp.resolve("data");
        FashionMnist.FetchResult r = FashionMnist.fetch(data, null, pkg, apt, tmp.resolve("empty-cache"));
        assertFalse(r.alreadyPresent());
        assertFalse(r.fromAptCache());
        assertEquals(30, r.train());
        assertEquals("Debian package " + pkg.spec(), r.source());
        FashionMnist.Data loaded = FashionMnist.load(data);
        assertArrayEquals(train.pixels(), loaded.train().pixels());
        assertArrayEquals(test.labels(), loaded.test().labels());
        try (var files = Files.list(data)) {
            assertEquals(1, files.count(), "the work directory is removed");
        }

        assertTrue(FashionMnist.fetch(data, null, pkg, apt, null).alreadyPresent());
        Files.write(data.resolve(FashionMnist.DIR).resolve(FashionMnist.FILES.get(0)), new byte[] {1, 2, 3});
        assertThrows(BadInputException.class, () -> FashionMnist.load(data));
        assertFalse(FashionMnist.fetch(data, null, pkg, apt, null).alreadyPresent(), "a damaged cache is fetched again");
        assertArrayEquals(train.pixels(), FashionMnist.load(data).train().pixels());
    }

    @Test
    void usesAptsCachedCopyWhenItMatches() throws IOException {
        Path apt = fakeApt("apt", pkg.sha256(), null);
        Path cache = Files.createDirectories(tmp.resolve("archives"));
        Files.copy(deb, cache.resolve(pkg.fileName()));
        FashionMnist.FetchResult r = FashionMnist.fetch(tmp.resolve("data"), null, pkg, apt, cache);
        assertTrue(r.fromAptCache());
        assertEquals(10, r.test());
    }

    @Test
    void rejectsAPackageThatDoesNotMatchThePinnedOrReportedHash() throws IOException {
        Path stale = fakeApt("stale", "0".repeat(64), deb);
        BadInputException e = assertThrows(BadInputException.class,
                () -> FashionMnist.fetch(tmp.resolve("d1"), null, pkg, stale, null));
        assertTrue(e.getMessage().contains("apt-cache show " + pkg.spec() + " reports SHA256 " + "0".repeat(64)),
                e.getMessage());
        Path other = MnistFixtures.deb(tmp.resolve("other.deb"), false, MnistFixtures.packageLayout(tmp.resolve("idx")));
        Path swapped = fakeApt("swapped", pkg.sha256(), other);
        e = assertThrows(BadInputException.class, () -> FashionMnist.fetch(tmp.resolve("d2"), null, pkg, swapped, null));
        assertTrue(e.getMessage().contains("failed its integrity check"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("d2").resolve(FashionMnist.DIR)));
    }

    @Test
    void importsRawIdxFilesFromADirectory() {
        Path raw = tmp.resolve("raw");
        train.imagesIdx().write(raw.resolve("train-images-idx3-ubyte"), false);
        train.labelsIdx().write(raw.resolve("train-labels-idx1-ubyte"), false);
        test.imagesIdx().write(raw.resolve("t10k-images-idx3-ubyte"), false);
        test.labelsIdx().write(raw.resolve("t10k-labels-idx1-ubyte"), false);
        FashionMnist.FetchResult r = FashionMnist.fetch(tmp.resolve("data"), raw, null, null);
        assertEquals(30, r.train());
        assertArrayEquals(test.pixels(), FashionMnist.load(tmp.resolve("data")).test().pixels());

        Path partial = tmp.resolve("partial");
        train.imagesIdx().write(partial.resolve(FashionMnist.FILES.get(0)), true);
        BadInputException e = assertThrows(BadInputException.class,
                () -> FashionMnist.fetch(tmp.resolve("d3"), partial, null, null));
        assertTrue(e.getMessage().contains("missing " + partial.resolve(FashionMnist.FILES.get(1))), e.getMessage());
    }

    @Test
    void withoutAptTheCommandSaysHowToGetTheFilesAndExitsTwo() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path noApt = Files.createDirectories(tmp.resolve("no-apt"));
        int code = Cli.commandLine(new DataCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("fetch", "fashion-mnist", "--data-dir", tmp.resolve("data").toString(),
                        "--apt-bin", noApt.toString());
        assertEquals(ExitCode.BAD_INPUT, code);
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("error: " + noApt.resolve("apt-cache") + " is not available"), message);
        assertTrue(message.contains("--from DIR") && message.contains("train-images-idx3-ubyte.gz"), message);
    }

    /** A directory with apt-cache (reporting {@code sha256}) and apt-get download (copying {@code deb}, or failing). */
    private Path fakeApt(String name, String sha256, Path deb) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        script(dir.resolve("apt-cache"), "echo 'Package: " + pkg.name() + "'\necho 'SHA256: " + sha256 + "'\n");
        script(dir.resolve("apt-get"), deb == null ? "echo 'E: no network' >&2\nexit 100\n"
                : "[ \"$1\" = download ] && [ \"$2\" = '" + pkg.spec() + "' ] || exit 1\ncp '" + deb + "' './"
                + pkg.fileName() + "'\n");
        return dir;
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
