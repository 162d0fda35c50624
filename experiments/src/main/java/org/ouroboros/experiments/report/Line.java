package org.ouroboros.experiments.report;

import java.awt.Color;
import java.util.Objects;

/**
 * One series for {@link Charts#lines}: y against x, optionally with a shaded band (lower..upper) behind
 * it, e.g. min-max across seeds or two standard errors. Points where a value is not finite are dropped
 * when drawn, so a failed generation leaves a gap in the data, not a crash.
 *
 * @param name     legend label; unique within a chart
 * @param x        x values
 * @param y        y values, same length as x
 * @param lower    band's lower edge, or null for no band
 * @param upper    band's upper edge, or null for no band
 * @param color    line colour; the band uses it translucently
 * @param dashed   dashed line (theory curves, reference values)
 * @param width    line width in pixels
 * @param inLegend whether the line appears in the legend
 */
public record Line(String name, double[] x, double[] y, double[] lower, double[] upper, Color color,
                   boolean dashed, float width, boolean inLegend) {
    public Line {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(color, "color");
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "line '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
        if ((lower == null) != (upper == null)
                || lower != null && (lower.length != x.length || upper.length != x.length)) {
            throw new IllegalArgumentException("line '" + name + "': band needs lower and upper of length " + x.length);
        }
    }

    /** A solid 2-pixel line in the legend, without band. */
    public static Line of(String name, double[] x, double[] y, Color color) {
        return new Line(name, x, y, null, null, color, false, 2f, true);
    }

    /** This line with a shaded band from {@code low} to {@code high}. */
    public Line withBand(double[] low, double[] high) {
        return new Line(name, x, y, low, high, color, dashed, width, inLegend);
    }

    /** This line dashed. */
    public Line asDashed() {
        return new Line(name, x, y, lower, upper, color, true, width, inLegend);
    }

    /** This line with width {@code pixels}. */
    public Line withWidth(float pixels) {
        return new Line(name, x, y, lower, upper, color, dashed, pixels, inLegend);
    }

    /** This line left out of the legend. */
    public Line hiddenFromLegend() {
        return new Line(name, x, y, lower, upper, color, dashed, width, false);
    }

    /** Whether the line has a band. */
    public boolean hasBand() {
        return lower != null;
    }
}
