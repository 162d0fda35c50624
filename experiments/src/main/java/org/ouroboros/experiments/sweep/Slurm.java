package org.ouroboros.experiments.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ouroboros.cli.BadInputException;

/**
 * The Slurm client commands a sweep uses ({@code sbatch}, {@code squeue}, {@code scancel}), run as
 * processes. Job state comes from {@code squeue} alone: clusters without accounting have no {@code sacct}.
 */
public final class Slurm {
    /** squeue states of a job that has not ended. */
    static final Set<String> ACTIVE = Set.of("PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED",
            "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED");

    private Slurm() {
    }

    /** What a command printed. */
    record Output(int exitCode, String out, String err) {
    }

    /**
     * The Slurm task this process runs in: ARRAYJOB_INDEX in an array (the form scancel and squeue accept
     * for array tasks), else the job id; null outside Slurm.
     */
    public static String currentTask() {
        String array = System.getenv("SLURM_ARRAY_JOB_ID");
        String index = System.getenv("SLURM_ARRAY_TASK_ID");
        return array != null && index != null ? array + "_" + index : System.getenv("SLURM_JOB_ID");
    }

    /** Whether {@code squeue} answers here. */
    public static boolean available() {
        try {
            return run(List.of("squeue", "-h", "-o", "%i")).exitCode() == 0;
        } catch (BadInputException e) {
            return false;
        }
    }

    /**
     * Whether job {@code id} (a job id, or ARRAYJOB_TASK) is queued or running; empty when squeue cannot
     * answer (not installed, controller down).
     */
    public static Optional<Boolean> isActive(String id) {
        Output o;
        try {
            o = run(List.of("squeue", "-h", "-j", id, "-o", "%T"));
        } catch (BadInputException e) {
            return Optional.empty();
        }
        if (o.exitCode() != 0) {
            return o.err().contains("Invalid job id") ? Optional.of(false) : Optional.empty();
        }
        return Optional.of(o.out().lines().map(String::strip).anyMatch(ACTIVE::contains));
    }

    /**
     * The state of every array task of jobs {@code ids}, keyed ARRAYJOB_INDEX (squeue's {@code %i}, with
     * pending ranges expanded by {@code -r}); tasks that have ended are absent.
     */
    public static Map<String, String> arrayTasks(List<String> ids) {
        Map<String, String> states = new HashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        Output o = run(List.of("squeue", "-h", "-r", "-j", String.join(",", ids), "-o", "%i %T"));
        for (String line : o.out().lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) {
                states.put(f[0], f[1]);
            }
        }
        return states;
    }

    /** Submits with {@code sbatch --parsable ARGS}; returns the job id. */
    public static String sbatch(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        cmd.addAll(args);
        Output o = run(cmd);
        if (o.exitCode() != 0) {
            throw new BadInputException("sbatch refused the sweep (" + o.err().strip() + "); command: "
                    + String.join(" ", cmd));
        }
        String id = o.out().strip();
        int semicolon = id.indexOf(';'); // "ID;CLUSTER" on federated clusters
        return semicolon < 0 ? id : id.substring(0, semicolon);
    }

    static Output run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BadInputException(cmd.get(0) + " did not answer within 60 s");
            }
            return new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException(cmd.get(0) + " is not available (" + e.getMessage()
                    + "); is this a Slurm login node? (scripts/slurm-local up starts a one-node cluster)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException(cmd.get(0) + " was interrupted");
        }
    }
}
