package org.ouroboros.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.ouroboros.experiments.report.ShownGenerations;

/** Shared text output of the toy commands. */
final class ToyTables {
    private ToyTables() {
    }

    /** The generations a text table prints. */
    static List<Integer> shown(int last) {
        return ShownGenerations.of(last, ShownGenerations.MAX_ROWS);
    }

    /** Says where the full table is, and lists the files written. */
    static void printFooter(PrintWriter out, int last, List<Path> files) {
        if (shown(last).size() < last + 1) {
            out.println("(some generations omitted; --json or --out give all of them)");
        }
        for (Path f : files) {
            out.println("wrote " + f);
        }
        out.flush();
    }
}
