package org.ouroboros.data.mnist;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.brown.SafeTarExtractor;

/**
 * A Debian binary package ({@code .deb}): an ar archive whose first member is {@code debian-binary}
 * ({@code "2.0\n"}), then {@code control.tar.*}, then {@code data.tar.*} with the files the package
 * installs. Only the data member is unpacked, through {@link SafeTarExtractor}'s rules (no absolute paths,
 * no {@code ..}, no links or devices), so unpacking a package never writes outside the target directory and
 * needs neither dpkg nor root.
 */
public final class DebArchive {
    private DebArchive() {
    }

    /** Unpacks the data member of {@code deb} into {@code target}; returns the number of files written. */
    public static int extractData(Path deb, Path target) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(deb));
             ArArchiveInputStream ar = new ArArchiveInputStream(raw)) {
            ArArchiveEntry first = ar.getNextEntry();
            if (first == null || !first.getName().equals("debian-binary")) {
                throw bad(deb, "the first member must be debian-binary, found "
                        + (first == null ? "none" : "'" + first.getName() + "'"));
            }
            String version = new String(ar.readNBytes(16), StandardCharsets.US_ASCII);
            if (!version.startsWith("2.")) {
                throw bad(deb, "unsupported package format '" + version.strip() + "' (expected 2.x)");
            }
            for (ArArchiveEntry e = ar.getNextEntry(); e != null; e = ar.getNextEntry()) {
                if (e.getName().startsWith("data.tar")) {
                    try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressor(deb, e.getName(), ar))) {
                        return SafeTarExtractor.extract(tar, deb.getFileName() + ":" + e.getName(), target);
                    }
                }
            }
            throw bad(deb, "no data.tar member");
        } catch (IOException e) {
            throw bad(deb, e.getMessage());
        }
    }

    private static InputStream decompressor(Path deb, String member, InputStream in) throws IOException {
        // closing the decompressor must not close the ar stream underneath
        InputStream shielded = new FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
        return switch (member) {
            case "data.tar.xz" -> new XZCompressorInputStream(shielded);
            case "data.tar.gz" -> new GzipCompressorInputStream(shielded);
            case "data.tar" -> shielded;
            default -> throw bad(deb, "unsupported data member '" + member + "' (expected data.tar.xz, .gz or none)");
        };
    }

    private static BadInputException bad(Path deb, String why) {
        return new BadInputException("cannot unpack Debian package " + deb + ": " + why);
    }
}
