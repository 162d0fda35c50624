package org.ouroboros.trainer.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.regex.Pattern;

/**
 * One source of training data in a run's provenance: what it was, how to recognise it again (a SHA-256 of
 * the token file, or a description such as "generation 3 samples, seed 17" when there is no single file)
 * and how much of it was used.
 *
 * @param name        short label, e.g. {@code brown-train} or {@code gen2-synthetic}
 * @param sha256      lowercase hex SHA-256 of the data file, or null
 * @param description how the data was made, or null; at least one of sha256 and description is given
 * @param sequences   training sequences taken from it
 * @param tokens      tokens taken from it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataManifestEntry(String name, String sha256, String description, long sequences, long tokens) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public DataManifestEntry {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("data manifest entry needs a name");
        }
        if (sha256 == null && (description == null || description.isBlank())) {
            throw new IllegalArgumentException("data manifest entry " + name + " needs a sha256 or a description");
        }
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("data manifest entry " + name
                    + ": sha256 must be 64 lowercase hex digits, got " + sha256);
        }
        if (sequences < 0 || tokens < 0) {
            throw new IllegalArgumentException("data manifest entry " + name + ": counts must be non-negative");
        }
    }

    /** An entry fingerprinted by a file hash. */
    public static DataManifestEntry ofHash(String name, String sha256, long sequences, long tokens) {
        return new DataManifestEntry(name, sha256, null, sequences, tokens);
    }

    /** An entry described in words. */
    public static DataManifestEntry ofDescription(String name, String description, long sequences, long tokens) {
        return new DataManifestEntry(name, null, description, sequences, tokens);
    }
}
