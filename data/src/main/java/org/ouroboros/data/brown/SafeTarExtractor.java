package org.ouroboros.data.brown;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.ouroboros.cli.BadInputException;

/**
 * Extracts a {@code .tgz} (or any tar stream) refusing anything that could write outside the target directory or surprise
 * the reader: absolute paths, {@code ..} segments, links and device files, and absurd sizes.
 */
public final class SafeTarExtractor {
    static final long MAX_ENTRY_BYTES = 64L << 20;
    static final long MAX_TOTAL_BYTES = 512L << 20;
    static final int MAX_ENTRIES = 20_000;

    private SafeTarExtractor() {
    }

    /** Extracts {@code archive} into {@code target} (created if needed); returns the number of files. */
    public static int extract(Path archive, Path target) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            return extract(tar, archive.toString(), target);
        } catch (IOException e) {
            throw new BadInputException("cannot extract " + archive + ": " + e.getMessage());
        }
    }

    /**
     * Extracts an already-opened tar stream (e.g. a Debian package's {@code data.tar.xz}) into
     * {@code target} under the same rules; {@code name} names the archive in errors. Returns the number of
     * files.
     */
    public static int extract(TarArchiveInputStream tar, String name, Path target) {
        Path root = target.toAbsolutePath().normalize();
        int files = 0;
        long total = 0;
        try {
            Files.createDirectories(root);
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path dest = checkedPath(root, e);
                if (e.isDirectory()) {
                    Files.createDirectories(dest);
                    continue;
                }
                if (++files > MAX_ENTRIES) {
                    throw reject(name, e, "more than " + MAX_ENTRIES + " entries");
                }
                if (e.getSize() > MAX_ENTRY_BYTES || (total += e.getSize()) > MAX_TOTAL_BYTES) {
                    throw reject(name, e, "too large");
                }
                Files.createDirectories(dest.getParent());
                try (OutputStream out = Files.newOutputStream(dest)) {
                    tar.transferTo(out);
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot extract " + name + ": " + e.getMessage());
        }
        return files;
    }

    private static Path checkedPath(Path root, TarArchiveEntry e) throws IOException {
        String name = e.getName();
        if (e.isSymbolicLink() || e.isLink()) {
            throw reject(null, e, "links are not allowed");
        }
        // commons-compress calls device and FIFO entries files too, so look at the type flag itself
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO() || (!e.isDirectory() && !e.isFile())) {
            throw reject(null, e, "only regular files and directories are allowed");
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw reject(null, e, "absolute path");
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw reject(null, e, "'..' in path");
            }
        }
        Path dest = root.resolve(name).normalize();
        if (!dest.startsWith(root)) {
            throw reject(null, e, "path escapes the target directory");
        }
        return dest;
    }

    private static BadInputException reject(String archive, TarArchiveEntry e, String why) {
        return new BadInputException("unsafe archive entry '" + e.getName() + "'" + (archive == null ? "" : " in " + archive)
                + ": " + why);
    }
}
