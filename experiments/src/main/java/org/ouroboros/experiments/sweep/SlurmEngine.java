package org.ouroboros.experiments.sweep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code slurm} engine: one {@code sbatch} script ({@code sweep/sweep.sbatch}) submitted as job
 * arrays. The generation-0 array has one index per seed; each regime's array has one index per seed (one
 * chain each) and depends on the generation-0 array with {@code --dependency=aftercorr}, so chain i starts
 * when generation 0 of seed i has finished (an index with no generation-0 task, as on a resume whose
 * generation 0 is done, starts at once). The index is the seed's position in the config's seeds.
 */
public final class SlurmEngine {
    private SlurmEngine() {
    }

    /** One {@code sbatch} command line to run (the script's path is its last argument but one). */
    public record Sbatch(String what, Map<Integer, String> chains, List<String> args) {
    }

    /** The script for {@code plan}, submitted as {@code submission} says. */
    public static String script(SweepPlan plan, SweepLayout layout, Submission submission) {
        SweepConfig o = submission.options();
        StringBuilder sb = new StringBuilder();
        sb.append("#!/usr/bin/env bash\n");
        sb.append("# ouro sweep of ").append(plan.name()).append(": one array task = one chain of ")
                .append(layout.root()).append("\n");
        sb.append("#   sbatch --array=0-").append(plan.seeds().size() - 1).append(" sweep.sbatch gen0")
                .append("         generation 0 of each seed (index = position in seeds)\n");
        sb.append("#   sbatch --array=0-").append(plan.seeds().size() - 1)
                .append(" --dependency=aftercorr:JOB sweep.sbatch REGIME   chain REGIME of each seed\n");
        sb.append("# Written by `ouro sweep submit`; `ouro sweep resume` submits the unfinished chains again.\n");
        sb.append("#SBATCH --job-name=ouro-").append(plan.name()).append('\n');
        sb.append("#SBATCH --output=").append(layout.logs()).append("/slurm-%A_%a.out\n");
        sb.append("#SBATCH --chdir=").append(submission.workDir()).append('\n');
        sb.append("#SBATCH --ntasks=1\n");
        option(sb, "partition", o.partition());
        option(sb, "account", o.account());
        option(sb, "time", o.time());
        option(sb, "mem", o.mem());
        option(sb, "cpus-per-task", o.cpusPerTask());
        option(sb, "gpus-per-task", o.gpusPerTask());
        sb.append("#SBATCH --kill-on-invalid-dep=yes\n");
        if (o.sbatchOptions() != null) {
            o.sbatchOptions().forEach(x -> sb.append("#SBATCH ").append(x).append('\n'));
        }
        sb.append("set -euo pipefail\n");
        sb.append("seeds=(").append(plan.seeds().stream().map(String::valueOf).collect(Collectors.joining(" ")))
                .append(")\n");
        sb.append("seed=\"${seeds[$SLURM_ARRAY_TASK_ID]}\"\n");
        sb.append("if [[ \"$1\" == gen0 ]]; then chain=gen-0; only=\"gen0,seed=$seed\"; "
                + "else chain=\"$1\"; only=\"regime=$1,seed=$seed\"; fi\n");
        sb.append("exec >>").append(quote(layout.logs() + "/seed-")).append("\"$seed.$chain.log\" 2>&1\n");
        sb.append("echo \"== task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} (job $SLURM_JOB_ID) on $(hostname) at "
                + "$(date -u +%Y-%m-%dT%H:%M:%SZ)\"\n");
        sb.append("# the launcher's JVM settings, sized to this task: its CPUs and memory; no build on the node\n");
        sb.append("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\" OURO_NO_BUILD=1\n");
        sb.append("if [[ -n \"${SLURM_MEM_PER_NODE:-}\" ]]; then export OURO_MEMORY_MB=\"$SLURM_MEM_PER_NODE\"; fi\n");
        for (Map.Entry<String, String> e : new TreeMap<>(submission.launcher().env()).entrySet()) {
            sb.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
        }
        sb.append("exec");
        submission.launcher().command().forEach(c -> sb.append(' ').append(quote(c)));
        sb.append(" run --config ").append(quote(layout.config().toString())).append(" --out ")
                .append(quote(layout.root().toString())).append(" --only \"$only\" --data-dir ")
                .append(quote(submission.dataDir().toString())).append('\n');
        return sb.toString();
    }

    /**
     * The {@code sbatch} calls that run {@code tasks}: a generation-0 array for the seeds whose generation 0
     * is among them, then one array per regime; {@code GEN0} in a dependency stands for the first's job id.
     */
    public static List<Sbatch> commands(SweepPlan plan, SweepLayout layout, List<SweepPlan.Task> tasks) {
        List<Sbatch> out = new ArrayList<>();
        Map<Integer, String> gen0 = indices(plan, tasks, null);
        if (!gen0.isEmpty()) {
            out.add(new Sbatch("gen0", gen0, List.of("--array=" + arrayList(gen0), layout.script().toString(), "gen0")));
        }
        for (String regime : plan.regimes()) {
            Map<Integer, String> chains = indices(plan, tasks, regime);
            if (chains.isEmpty()) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of("--array=" + arrayList(chains)));
            if (!gen0.isEmpty()) {
                args.add("--dependency=aftercorr:GEN0");
            }
            args.addAll(List.of(layout.script().toString(), regime));
            out.add(new Sbatch(regime, chains, args));
        }
        return out;
    }

    /** Submits {@code commands}; returns the jobs. */
    public static List<Submission.Job> submit(List<Sbatch> commands) {
        List<Submission.Job> jobs = new ArrayList<>();
        String gen0 = null;
        for (Sbatch s : commands) {
            String job0 = gen0;
            List<String> args = s.args().stream().map(a -> job0 != null ? a.replace("GEN0", job0) : a).toList();
            String id = Slurm.sbatch(args);
            if (s.what().equals("gen0")) {
                gen0 = id;
            }
            jobs.add(new Submission.Job(id, s.what(), s.chains(), s.what().equals("gen0") ? null : gen0,
                    Instant.now().toString()));
        }
        return jobs;
    }

    private static Map<Integer, String> indices(SweepPlan plan, List<SweepPlan.Task> tasks, String regime) {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (SweepPlan.Task t : tasks) {
            if (regime == null ? t.regime() == null : regime.equals(t.regime())) {
                m.put(plan.index(t.seed()), t.name());
            }
        }
        return m;
    }

    /** "0-4" for a run of indices, else "0,2,3". */
    static String arrayList(Map<Integer, String> indices) {
        List<Integer> ix = new ArrayList<>(new TreeMap<>(indices).keySet());
        boolean run = ix.get(ix.size() - 1) - ix.get(0) == ix.size() - 1;
        if (run && ix.size() > 1) {
            return ix.get(0) + "-" + ix.get(ix.size() - 1);
        }
        return ix.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static void option(StringBuilder sb, String name, Object value) {
        if (value != null) {
            sb.append("#SBATCH --").append(name).append('=').append(value).append('\n');
        }
    }

    /** A word for bash: single-quoted unless it is plainly safe. */
    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
