package org.ouroboros.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.io.AtomicFiles;

/**
 * How a sweep was submitted ({@code sweep/submission.json}), so {@code sweep resume} submits the rest the
 * same way and {@code sweep status} knows which Slurm jobs to ask about.
 *
 * @param engine   local or slurm
 * @param options  the scheduling options in force (config section and flags)
 * @param dataDir  the data directory every task reads
 * @param workDir  the directory tasks run in (relative paths in the config resolve against it)
 * @param launcher how a task starts ouro
 * @param jobs     Slurm jobs submitted so far, oldest first
 */
public record Submission(SweepConfig.Engine engine, SweepConfig options, Path dataDir, Path workDir,
                         Launcher launcher, List<Job> jobs) {
    /**
     * One {@code sbatch} of the sweep's script.
     *
     * @param id        the array job id
     * @param what      {@code gen0} or the regime label (the script's argument)
     * @param chains    the chain of each array index, by index
     * @param dependsOn the generation-0 job it waits for ({@code aftercorr}), or null
     * @param submitted when
     */
    public record Job(String id, String what, java.util.Map<Integer, String> chains, String dependsOn,
                      String submitted) {
    }

    public Submission {
        jobs = List.copyOf(jobs);
    }

    /** This submission with {@code more} jobs. */
    public Submission plus(List<Job> more) {
        List<Job> all = new ArrayList<>(jobs);
        all.addAll(more);
        return new Submission(engine, options, dataDir, workDir, launcher, all);
    }

    public void write(Path file) {
        AtomicFiles.writeString(file, Json.writePretty(this) + "\n");
    }

    public static Submission read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("nothing was submitted in " + file.getParent().getParent() + " (no "
                    + file + "); run `ouro sweep submit` first");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), Submission.class);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + " (" + e.getMessage().split("\n")[0] + ")");
        }
    }
}
