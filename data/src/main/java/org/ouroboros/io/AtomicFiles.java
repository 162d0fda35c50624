package org.ouroboros.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes that never leave a half-written file or directory behind: content goes to a temporary sibling
 * which is then moved over the target in one rename.
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    private AtomicFiles() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Something that fills a directory. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path dir) throws IOException;
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** Streams content into a temporary sibling of {@code target}, then renames it over {@code target}. */
    public static void write(Path target, StreamWriter writer) {
        Path abs = target.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    writer.write(out);
                }
                readableByAll(tmp, FILE_MODE);
                move(tmp, abs);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fills a temporary sibling directory, then swaps it in for {@code target}. An existing {@code target}
     * is kept until the new one is complete, and deleted only after the swap.
     */
    public static void writeDirectory(Path target, DirectoryWriter writer) {
        Path abs = target.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp");
            try {
                try {
                    writer.write(tmp);
                } catch (UncheckedIOException e) {
                    // a write inside names its file in the temporary directory: name it where it was going
                    throw new UncheckedIOException(inTarget(e.getMessage(), tmp, target), e.getCause());
                }
                readableByAll(tmp, DIRECTORY_MODE);
                if (Files.exists(abs)) {
                    Path old = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".old");
                    Files.delete(old);
                    move(abs, old);
                    move(tmp, abs);
                    deleteRecursively(old);
                } else {
                    move(tmp, abs);
                }
            } finally {
                deleteRecursively(tmp);
            }
        } catch (IOException e) {
            String why = tmp == null ? e.getMessage() : inTarget(e.getMessage(), tmp, target);
            throw new UncheckedIOException("could not write " + target + ": " + why, e);
        }
    }

    /** {@code message} with the temporary directory's path replaced by the target's. */
    private static String inTarget(String message, Path tmp, Path target) {
        return message == null ? null : message.replace(tmp.toString(), target.toString());
    }

    /**
     * Deletes what a writer of {@code target} killed midway left beside it (its temporary siblings, see
     * {@link #write} and {@link #writeDirectory}). Only for targets no other process writes at the same time.
     */
    public static void removeTemporaries(Path target) {
        Path abs = target.toAbsolutePath();
        // the names Files.createTempFile/createTempDirectory give: .NAME<digits>.tmp, .NAME.tmp<digits>, .NAME.old<digits>
        java.util.regex.Pattern temporary = java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote("." + abs.getFileName()) + "(\\d+\\.tmp|\\.tmp\\d+|\\.old\\d+)");
        if (!Files.isDirectory(abs.getParent())) {
            return;
        }
        try (java.util.stream.Stream<Path> siblings = Files.list(abs.getParent())) {
            for (Path p : siblings.toList()) {
                if (temporary.matcher(p.getFileName().toString()).matches()) {
                    deleteRecursively(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the leftovers of an interrupted write of " + target
                    + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a file or directory tree if it exists. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Temp files are created owner-only; give the result the permissions an ordinary write would
     * (rw-r--r--, rwxr-xr-x) where the file system has POSIX permissions.
     */
    private static void readableByAll(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(path, mode);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
