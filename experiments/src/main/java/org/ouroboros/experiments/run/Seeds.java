package org.ouroboros.experiments.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derives independent, reproducible seeds from the run seed and a purpose, e.g.
 * {@code derive(seed, "init", 3)}: stable across JVMs and platforms (SHA-256 of the parts).
 */
public final class Seeds {
    private Seeds() {
    }

    public static long derive(long seed, Object... parts) {
        StringBuilder sb = new StringBuilder().append(seed);
        for (Object p : parts) {
            sb.append('/').append(p);
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
