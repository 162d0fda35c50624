package org.ouroboros.data.mnist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.io.Hashing;

/**
 * A Debian package obtained with the Debian client without installing it: the {@code .deb} apt already
 * cached, else {@code apt-get download} into a work directory. Either way the file is checked against a
 * pinned SHA256 and against the SHA256 that {@code apt-cache show} reports for that version.
 *
 * @param name    package name
 * @param version exact version
 * @param sha256  the pinned SHA256 of the {@code .deb}, lowercase hex
 */
public record AptPackage(String name, String version, String sha256) {
    /** Fashion-MNIST as Debian bookworm ships it (30.9 MB, Architecture: all). */
    public static final AptPackage FASHION_MNIST = new AptPackage("dataset-fashion-mnist", "0.0~git20200523.55506a9-1",
            "39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0");

    /** Where apt keeps the packages it downloaded. */
    static final Path APT_ARCHIVES = Path.of("/var/cache/apt/archives");
    private static final long TIMEOUT_MINUTES = 10;

    /** {@code name=version}, as apt takes it. */
    public String spec() {
        return name + "=" + version;
    }

    /** The file name apt gives the package ({@code :} in a version is written {@code %3a}). */
    public String fileName() {
        return name + "_" + version.replace(":", "%3a") + "_all.deb";
    }

    /** Where a package came from and its checked hash. */
    public record Obtained(Path deb, boolean fromAptCache, String sha256) {
    }

    /**
     * The verified {@code .deb}: apt's cached copy if it hashes to the pinned value, else a fresh
     * {@code apt-get download} in {@code workDir}.
     *
     * @param aptBin directory holding {@code apt-get} and {@code apt-cache} (null: the PATH)
     * @param cache  apt's archive directory to look in first (null: none)
     */
    public Obtained obtain(Path workDir, Path aptBin, Path cache) {
        String reported = reportedSha256(aptBin, workDir);
        if (!reported.equals(sha256)) {
            throw new BadInputException("apt-cache show " + spec() + " reports SHA256 " + reported
                    + " but the pinned value is " + sha256 + "; the package index may be stale ('apt-get update')");
        }
        Path cached = cache == null ? null : cache.resolve(fileName());
        if (cached != null && Files.isRegularFile(cached) && Hashing.sha256Hex(cached).equals(sha256)) {
            return new Obtained(cached, true, sha256);
        }
        run(List.of(tool(aptBin, "apt-get"), "download", spec()), workDir);
        Path deb = workDir.resolve(fileName());
        if (!Files.isRegularFile(deb)) {
            throw new BadInputException("apt-get download " + spec() + " did not produce " + fileName());
        }
        String actual = Hashing.sha256Hex(deb);
        if (!actual.equals(sha256)) {
            throw new BadInputException(spec() + " failed its integrity check: " + deb.getFileName() + " hashes to "
                    + actual + " but the pinned SHA256 is " + sha256);
        }
        return new Obtained(deb, false, actual);
    }

    /** The {@code SHA256:} field of {@code apt-cache show name=version}. */
    String reportedSha256(Path aptBin, Path workDir) {
        String show = run(List.of(tool(aptBin, "apt-cache"), "show", spec()), workDir);
        return Arrays.stream(show.split("\n"))
                .filter(l -> l.startsWith("SHA256:"))
                .map(l -> l.substring("SHA256:".length()).strip())
                .findFirst()
                .orElseThrow(() -> new BadInputException("apt-cache show " + spec() + " reports no SHA256 field"));
    }

    private static String tool(Path aptBin, String name) {
        return aptBin == null ? name : aptBin.resolve(name).toString();
    }

    private String run(List<String> command, Path workDir) {
        Path errLog = workDir.resolve("apt-stderr.log");
        Process p;
        try {
            Files.createDirectories(workDir);
            p = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(errLog.toFile()).start();
        } catch (IOException e) {
            throw new BadInputException(command.get(0) + " is not available: fetching needs Debian's apt (package "
                    + spec() + "); elsewhere get the four IDX files " + String.join(", ", FashionMnist.FILES)
                    + " (Fashion-MNIST's own release) and pass --from DIR");
        }
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new BadInputException(String.join(" ", command) + " did not finish in " + TIMEOUT_MINUTES
                        + " minutes");
            }
            if (p.exitValue() != 0) {
                throw new BadInputException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                        + lastLine(Files.readString(errLog, StandardCharsets.UTF_8))
                        + "; 'apt-get update' may be needed, or pass --from DIR with the IDX files");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(String.join(" ", command) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while running " + command.get(0));
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
