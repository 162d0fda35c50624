package org.ouroboros.trainer.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Versions of the runtime pieces that change numbers: the JVM and ND4J. ND4J's version is read from its
 * jar's Maven metadata, so no backend is loaded (provenance must be writable without one).
 */
public final class RuntimeVersions {
    private static final String ND4J_POM = "META-INF/maven/org.nd4j/nd4j-api/pom.properties";
    private static final String ND4J_CLASS = "org.nd4j.linalg.api.ndarray.INDArray";

    private RuntimeVersions() {
    }

    /** The JVM's full version and vendor, e.g. {@code 17.0.15+6-Debian-1deb12u1 (Debian)}. */
    public static String java() {
        return Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
    }

    /** The nd4j-api version on the class path, e.g. {@code 1.0.0-M2.1}, or {@code unknown}. */
    public static String nd4j() {
        ClassLoader loader = RuntimeVersions.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(ND4J_POM)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String version = p.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.strip();
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        try {
            String version = Class.forName(ND4J_CLASS, false, loader).getPackage().getImplementationVersion();
            return version != null ? version : GitCommit.UNKNOWN;
        } catch (ClassNotFoundException e) {
            return GitCommit.UNKNOWN;
        }
    }
}
