package org.ouroboros.experiments.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.run.ChainProgress;
import org.ouroboros.experiments.run.RunLayout;

/**
 * Where every chain of a sweep stands, from the run directory (finished generations, locks, logs) and,
 * for Slurm, from {@code squeue}: done (nothing left to run), running (its lock is held by a live task,
 * or Slurm runs it), pending (queued, or never started) or failed (a task ran it and stopped before the
 * end: killed, cancelled, preempted, crashed; {@code sweep resume} runs it again).
 *
 * @param runDir  the run directory
 * @param chains  one line per task of the plan
 * @param merged  whether the run's tables and report are written
 */
public record SweepStatus(Path runDir, List<Chain> chains, boolean merged) {
    /**
     * One chain's state.
     *
     * @param name      the task
     * @param state     pending, running, done or failed
     * @param finished  generations finished
     * @param expected  generations it has
     * @param job       the Slurm array task (ARRAYJOB_INDEX) or local pid last seen running it, else null
     * @param detail    a failed generation, or why it is running/pending, else null
     * @param lastLine  the last line of its log, else null
     */
    public record Chain(String name, String state, int finished, int expected, String job, String detail,
                        String lastLine) {
    }

    /** Reads the state of the sweep in {@code layout}. */
    public static SweepStatus of(ExperimentConfig config, SweepLayout layout, SweepPlan plan,
                                 Optional<Submission> submission) {
        RunLayout run = new RunLayout(layout.root());
        Map<String, String> slurmTask = new HashMap<>();
        Map<String, String> slurmState = new HashMap<>();
        if (submission.isPresent() && submission.get().engine() == SweepConfig.Engine.SLURM) {
            slurmStates(submission.get(), slurmTask, slurmState);
        }
        Optional<LocalEngine.State> local = LocalEngine.readState(layout).filter(s -> alive(s.engine()));
        List<Chain> out = new ArrayList<>();
        for (SweepPlan.Task t : plan.tasks()) {
            ChainProgress p = ChainProgress.of(config, run, t.chain());
            Optional<ChainLock.Owner> owner = ChainLock.read(layout.lock(t.chain()));
            boolean locked = owner.isPresent() && ChainLock.staleReason(layout.lock(t.chain()), owner.get()).isEmpty();
            String job = slurmTask.get(t.name());
            String queued = slurmState.get(t.name());
            LocalEngine.TaskState ls = local.map(s -> s.tasks().get(t.name())).orElse(null);
            String state;
            String detail = null;
            if (p.complete()) {
                state = "done";
                detail = p.failure();
            } else if (locked || "RUNNING".equals(queued) || ls != null && ls.state().equals("running")) {
                state = "running";
                if (owner.isPresent()) {
                    detail = owner.get().describe();
                    job = job != null ? job : owner.get().job() != null ? owner.get().job() : "pid " + owner.get().pid();
                }
            } else if (queued != null || ls != null && ls.state().equals("pending")) {
                state = "pending";
                detail = queued != null ? "Slurm " + queued : "waiting for a slot";
            } else if (Files.exists(t.log()) || p.finished() > 0) {
                state = "failed";
                detail = owner.isPresent() ? "stale lock of " + owner.get().describe() : "stopped before the end";
            } else {
                state = "pending";
                detail = "not submitted";
            }
            out.add(new Chain(t.name(), state, p.finished(), p.expected(), job, detail, lastLine(t.log())));
        }
        return new SweepStatus(layout.root(), out, Files.isRegularFile(layout.root().resolve("metrics.csv")));
    }

    /** Chains that are neither done nor running nor queued: what {@code sweep resume} submits. */
    public List<String> resumable() {
        return chains.stream().filter(c -> c.state().equals("failed") || c.detail() != null
                && c.state().equals("pending") && c.detail().equals("not submitted")).map(Chain::name).toList();
    }

    public boolean allDone() {
        return chains.stream().allMatch(c -> c.state().equals("done"));
    }

    public void print(PrintWriter pw) {
        pw.printf(Locale.ROOT, "%-24s %-8s %5s %-12s %s%n", "chain", "state", "gens", "job", "last log line");
        for (Chain c : chains) {
            String line = c.lastLine() != null ? c.lastLine() : c.detail() != null ? "(" + c.detail() + ")" : "";
            pw.printf(Locale.ROOT, "%-24s %-8s %5s %-12s %s%n", c.name(), c.state(), c.finished() + "/" + c.expected(),
                    c.job() == null ? "-" : c.job(), line.length() > 90 ? line.substring(0, 87) + "..." : line);
        }
        long done = chains.stream().filter(c -> c.state().equals("done")).count();
        pw.printf(Locale.ROOT, "%d of %d done; %s%n", done, chains.size(), merged ? "merged: " + runDir.resolve("report")
                .resolve("report.html") : allDone() ? "not merged yet (ouro sweep merge " + runDir + ")" : "not merged");
        pw.flush();
    }

    /** The latest Slurm array task of each chain, and its squeue state while it has one. */
    private static void slurmStates(Submission s, Map<String, String> task, Map<String, String> state) {
        List<String> ids = s.jobs().stream().map(Submission.Job::id).toList();
        Map<String, String> queue = Slurm.available() ? Slurm.arrayTasks(ids) : Map.of();
        for (Submission.Job j : s.jobs()) {
            for (Map.Entry<Integer, String> e : j.chains().entrySet()) {
                String id = j.id() + "_" + e.getKey();
                task.put(e.getValue(), id);
                String st = queue.get(id);
                if (st != null && Slurm.ACTIVE.contains(st)) {
                    state.put(e.getValue(), st);
                } else {
                    state.remove(e.getValue());
                }
            }
        }
    }

    private static boolean alive(ChainLock.Owner o) {
        return o != null && o.host().equals(ChainLock.hostName()) && ProcessHandle.of(o.pid()).map(ProcessHandle::isAlive)
                .orElse(false);
    }

    /** The last non-blank line of a log (read from its end), else null. */
    static String lastLine(Path log) {
        if (!Files.isRegularFile(log)) {
            return null;
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, 8192);
            byte[] b = new byte[n];
            f.seek(len - n);
            f.readFully(b);
            String[] lines = new String(b, StandardCharsets.UTF_8).split("[\r\n]");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    return lines[i].strip();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
