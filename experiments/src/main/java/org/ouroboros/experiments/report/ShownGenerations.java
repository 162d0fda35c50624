package org.ouroboros.experiments.report;

import java.util.ArrayList;
import java.util.List;

/** Which generations a printed table shows: all of them when few, else evenly spaced ones plus the last. */
public final class ShownGenerations {
    /** Rows in a text or HTML table before it is thinned out. */
    public static final int MAX_ROWS = 25;

    private ShownGenerations() {
    }

    /** Generation indices 0..last to show, at most about {@code maxRows}, always including 0 and last. */
    public static List<Integer> of(int last, int maxRows) {
        int step = Math.max(1, (int) Math.ceil((last + 1) / (double) maxRows));
        List<Integer> shown = new ArrayList<>();
        for (int g = 0; g <= last; g += step) {
            shown.add(g);
        }
        if (shown.get(shown.size() - 1) != last) {
            shown.add(last);
        }
        return shown;
    }
}
