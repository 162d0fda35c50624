package org.ouroboros.experiments.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ouroboros.cli.Json;
import org.ouroboros.io.AtomicFiles;

/**
 * The {@code local} engine: runs a sweep's tasks as separate {@code ouro run --only} processes on this
 * machine, up to K at once, each appending to its chain's log. With GPUs each running task holds one
 * device ({@code CUDA_VISIBLE_DEVICES}); on the CPU the cores are divided between the K tasks
 * ({@code OMP_NUM_THREADS} and the BLAS thread variables). A chain starts once its seed's generation 0 is
 * done; the state of every task is kept in {@code sweep/local.json} for {@code sweep status}.
 */
public final class LocalEngine {
    static final String STATE_FILE = "local.json";

    /**
     * The engine's record of one task.
     *
     * @param state    pending, running, done or failed
     * @param pid      the process while it runs
     * @param exitCode its exit code once it ended
     * @param device   the CUDA device it held, or null
     */
    public record TaskState(String state, Long pid, Integer exitCode, Integer device) {
    }

    /** What {@code sweep/local.json} holds: the engine's process and its tasks, by chain name. */
    public record State(ChainLock.Owner engine, int parallel, int threadsPerTask, Map<String, TaskState> tasks) {
    }

    private final SweepLayout layout;
    private final Submission submission;
    private final PrintStream log;

    public LocalEngine(SweepLayout layout, Submission submission, PrintStream log) {
        this.layout = layout;
        this.submission = submission;
        this.log = log;
    }

    /** Runs {@code tasks} (generation-0 tasks first) to the end; returns each task's final state. */
    public Map<String, TaskState> run(List<SweepPlan.Task> tasks) {
        SweepConfig o = submission.options();
        List<Integer> gpus = o.gpus() != null ? o.gpus() : List.of();
        int cores = Runtime.getRuntime().availableProcessors();
        int parallel = Math.max(1, o.parallel() != null ? o.parallel() : gpus.isEmpty() ? cores : gpus.size());
        if (!gpus.isEmpty()) {
            parallel = Math.min(parallel, gpus.size());
        }
        int threads = Math.max(1, cores / parallel);
        Deque<Integer> freeDevices = new ArrayDeque<>(gpus);
        Map<String, TaskState> states = new LinkedHashMap<>();
        tasks.forEach(t -> states.put(t.name(), new TaskState("pending", null, null, null)));
        ChainLock.Owner me = ChainLock.Owner.self();
        Map<String, Process> running = new LinkedHashMap<>();
        Set<String> ended = new HashSet<>();
        Thread stopChildren = new Thread(() -> running.values().forEach(Process::destroy), "sweep-local-stop");
        Runtime.getRuntime().addShutdownHook(stopChildren);
        log.printf("local engine: %d task(s), %d at once, %s%n", tasks.size(), parallel,
                gpus.isEmpty() ? threads + " thread(s) each" : "one GPU each of " + gpus);
        try {
            while (ended.size() < tasks.size()) {
                boolean changed = false;
                for (SweepPlan.Task t : tasks) {
                    if (running.size() >= parallel || ended.contains(t.name()) || running.containsKey(t.name())) {
                        continue;
                    }
                    String blocker = blocker(t, states);
                    if (blocker == null) {
                        Integer device = gpus.isEmpty() ? null : freeDevices.pop();
                        Process p = start(t, threads, device);
                        running.put(t.name(), p);
                        states.put(t.name(), new TaskState("running", p.pid(), null, device));
                        changed = true;
                    } else if (!blocker.isEmpty()) {
                        log.printf("%s: not run (%s)%n", t.name(), blocker);
                        states.put(t.name(), new TaskState("failed", null, null, null));
                        ended.add(t.name());
                        changed = true;
                    }
                }
                for (Map.Entry<String, Process> e : List.copyOf(running.entrySet())) {
                    if (!e.getValue().isAlive()) {
                        int code = e.getValue().exitValue();
                        TaskState was = states.get(e.getKey());
                        if (was.device() != null) {
                            freeDevices.push(was.device());
                        }
                        states.put(e.getKey(), new TaskState(code == 0 ? "done" : "failed", null, code, was.device()));
                        running.remove(e.getKey());
                        ended.add(e.getKey());
                        log.printf("%s: %s (exit %d; log %s)%n", e.getKey(), code == 0 ? "done" : "failed", code,
                                layout.root().relativize(taskByName(tasks, e.getKey()).log()));
                        changed = true;
                    }
                }
                if (changed) {
                    AtomicFiles.writeString(layout.dir().resolve(STATE_FILE), Json.writePretty(new State(me, parallel,
                            threads, states)) + "\n");
                }
                sleep();
            }
        } finally {
            running.values().forEach(Process::destroy);
            try {
                Runtime.getRuntime().removeShutdownHook(stopChildren);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs anyway
            }
        }
        return states;
    }

    /** Null if {@code t} may start now, "" if it must wait, else why it cannot run. */
    private static String blocker(SweepPlan.Task t, Map<String, TaskState> states) {
        for (String need : t.needs()) {
            TaskState s = states.get(need);
            if (s == null) {
                continue; // not part of this submission: finished before
            }
            if (s.state().equals("failed")) {
                return need + " failed";
            }
            if (!s.state().equals("done")) {
                return "";
            }
        }
        return null;
    }

    private Process start(SweepPlan.Task t, int threads, Integer device) {
        List<String> cmd = new ArrayList<>(submission.launcher().command());
        cmd.addAll(List.of("run", "--config", layout.config().toString(), "--out", layout.root().toString(), "--only",
                t.only(), "--data-dir", submission.dataDir().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(submission.workDir().toFile());
        Map<String, String> env = pb.environment();
        env.putAll(submission.launcher().env());
        for (String v : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
            env.put(v, String.valueOf(threads));
        }
        if (device != null) {
            env.put("CUDA_VISIBLE_DEVICES", String.valueOf(device));
        }
        env.put("OURO_NO_BUILD", "1");
        try {
            Files.createDirectories(t.log().getParent());
            Files.writeString(t.log(), "== local task on " + ChainLock.hostName() + " at " + Instant.now() + ": "
                    + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(t.log().toFile()));
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd.get(0) + " for " + t.name() + ": " + e.getMessage(), e);
        }
    }

    private static SweepPlan.Task taskByName(List<SweepPlan.Task> tasks, String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** The engine's last recorded state, if it ran here. */
    public static java.util.Optional<State> readState(SweepLayout layout) {
        Path f = layout.dir().resolve(STATE_FILE);
        try {
            return Files.isRegularFile(f) ? java.util.Optional.of(Json.MAPPER.readValue(f.toFile(), State.class))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
