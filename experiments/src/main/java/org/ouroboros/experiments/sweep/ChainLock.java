package org.ouroboros.experiments.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;

/**
 * A lock file that gives one task a chain (or the merge) of a shared run directory: it names its owner
 * (host, pid, process start, Slurm job) and is created with an exclusive create, which NFS (v3 and later)
 * and Lustre make atomic. The owner touches it every {@link #HEARTBEAT} and, should it find that another
 * task took the lock over, stops its JVM at once rather than write a generation beside it.
 *
 * <p>A lock whose owner is gone is stale and taken over with a message: on the owner's host, a process with
 * that pid and start time no longer runs; elsewhere, its Slurm job is no longer queued or running
 * ({@code squeue}), or without Slurm, the heartbeat is older than {@link #STALE_AFTER}. Two tasks taking the
 * same stale lock over at once are serialised by a {@code .takeover} directory (mkdir is atomic).
 */
public final class ChainLock implements AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofSeconds(30);
    static final Duration STALE_AFTER = Duration.ofMinutes(5);

    /** What a lock file holds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Owner(String host, long pid, String processStart, String job, String token, String acquired) {
        /** This process. */
        static Owner self() {
            ProcessHandle me = ProcessHandle.current();
            return new Owner(hostName(), me.pid(), me.info().startInstant().map(Instant::toString).orElse(null),
                    Slurm.currentTask(), UUID.randomUUID().toString(), Instant.now().toString());
        }

        /** "host H, pid P, Slurm job J". */
        public String describe() {
            return "host " + host + ", pid " + pid + (job != null ? ", Slurm job " + job : "");
        }
    }

    private final Path file;
    private final Owner owner;
    private final Thread heartbeat;
    private final Thread releaseOnExit;

    private ChainLock(Path file, Owner owner) {
        this.file = file;
        this.owner = owner;
        this.releaseOnExit = new Thread(this::release, "chain-lock-release");
        Runtime.getRuntime().addShutdownHook(releaseOnExit);
        this.heartbeat = new Thread(this::beat, "chain-lock-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    /**
     * Takes the lock {@code file} for {@code what} (named in messages), taking a stale one over; a lock
     * held by a live task is a BadInputException naming it.
     */
    public static ChainLock acquire(Path file, String what, PrintStream log) {
        Owner me = Owner.self();
        for (int attempt = 0; attempt < 3; attempt++) {
            if (create(file, me)) {
                return new ChainLock(file, me);
            }
            Optional<Owner> held = read(file);
            if (held.isEmpty()) {
                continue; // released (or half-written by a creator that just died) in between: try again
            }
            Optional<String> gone = staleReason(file, held.get());
            if (gone.isEmpty()) {
                throw new BadInputException(what + " is being run by another task (" + held.get().describe()
                        + ", lock " + file + "); wait for it, or cancel it first");
            }
            if (takeOver(file, held.get())) {
                log.println("taking over the stale lock of " + what + " (" + held.get().describe() + ": "
                        + gone.get() + ")");
            }
        }
        throw new BadInputException("could not take the lock " + file + " for " + what + " (other tasks keep taking it)");
    }

    /** The owner of a lock file, if there is one (an unreadable one reads as none). */
    public static Optional<Owner> read(Path file) {
        try {
            return readStrictly(file);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The owner, empty if there is no lock file; an I/O error (say, an NFS hiccup) is thrown. */
    private static Optional<Owner> readStrictly(Path file) throws IOException {
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Owner.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Why the owner of {@code file} is gone, or empty while it may still be running. */
    public static Optional<String> staleReason(Path file, Owner o) {
        if (o.host().equals(hostName())) {
            Optional<ProcessHandle> p = ProcessHandle.of(o.pid());
            boolean same = p.isPresent() && p.get().isAlive() && (o.processStart() == null
                    || p.get().info().startInstant().map(Instant::toString).map(o.processStart()::equals).orElse(true));
            if (!same) {
                return Optional.of("process " + o.pid() + " is gone");
            }
            return Optional.empty();
        }
        Optional<Boolean> active = o.job() != null ? Slurm.isActive(o.job()) : Optional.empty();
        if (active.isPresent()) {
            return active.get() ? Optional.empty()
                    : Optional.of("Slurm job " + o.job() + " is no longer queued or running");
        }
        try {
            Duration age = Duration.between(Files.getLastModifiedTime(file).toInstant(), Instant.now());
            return age.compareTo(STALE_AFTER) > 0
                    ? Optional.of("no heartbeat for " + age.toMinutes() + " min") : Optional.empty();
        } catch (IOException e) {
            return Optional.of("its lock file is gone");
        }
    }

    private static boolean create(Path file, Owner me) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, Json.write(me), StandardCharsets.UTF_8);
                Files.createLink(file, tmp); // link(2): atomic and exclusive, and the file is whole when it appears
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                return createDirectly(file, me);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean createDirectly(Path file, Owner me) throws IOException {
        try {
            Files.writeString(file, Json.write(me), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Removes the stale lock if it still names {@code stale}; true if this task removed it. */
    private static boolean takeOver(Path file, Owner stale) {
        Path guard = file.resolveSibling(file.getFileName() + ".takeover");
        try {
            try {
                Files.createDirectory(guard);
            } catch (FileAlreadyExistsException e) {
                Duration age = Duration.between(Files.getLastModifiedTime(guard).toInstant(), Instant.now());
                if (age.toSeconds() > 60) {
                    Files.deleteIfExists(guard); // left by a task that died while taking over
                }
                return false;
            }
            try {
                Optional<Owner> now = read(file);
                if (now.isPresent() && now.get().token().equals(stale.token())) {
                    Files.delete(file);
                    return true;
                }
                return false;
            } finally {
                Files.deleteIfExists(guard);
            }
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take over the lock " + file + ": " + e.getMessage(), e);
        }
    }

    private void beat() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(HEARTBEAT.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Optional<Owner> now;
            try {
                now = readStrictly(file);
            } catch (IOException e) {
                System.err.println("warning: cannot read the lock " + file + ": " + e.getMessage());
                continue;
            }
            if (now.isEmpty() || !now.get().token().equals(owner.token())) {
                System.err.println("error: lost the lock " + file + now.map(o -> " to " + o.describe()).orElse("")
                        + "; stopping so as not to write beside it");
                Runtime.getRuntime().halt(1);
            }
            try {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } catch (IOException e) {
                System.err.println("warning: cannot refresh the lock " + file + ": " + e.getMessage());
            }
        }
    }

    private synchronized void release() {
        heartbeat.interrupt();
        try {
            Optional<Owner> now = read(file);
            if (now.isPresent() && now.get().token().equals(owner.token())) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("warning: cannot remove the lock " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(releaseOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }

    static String hostName() {
        String env = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return env != null ? env : "unknown";
        }
    }
}
