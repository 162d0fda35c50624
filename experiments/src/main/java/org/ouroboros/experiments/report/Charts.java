package org.ouroboros.experiments.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ouroboros.io.AtomicFiles;

/**
 * The one place plots are drawn, for run reports and toy models alike: line charts with optional bands,
 * a common legible style (large fonts, legend right of the plot unless moved below), small-multiple grids,
 * and atomic PNG writes. Rendering is headless.
 */
public final class Charts {
    /** Size of a stand-alone chart. */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;
    /** Size of one panel in a grid of small multiples. */
    public static final int PANEL_WIDTH = 560;
    public static final int PANEL_HEIGHT = 420;

    private static final float[] DASH = {8f, 6f};
    /** X axes with more distinct values than this get round tick values rather than every k-th value. */
    static final int ROUND_TICKS_ABOVE = 12;
    /** Lines with more points than this are drawn without point markers. */
    static final int MAX_MARKED_POINTS = 30;

    private static final Color[] QUALITATIVE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0xbcbd22), new Color(0x7f7f7f),
    };
    private static final Color[] VIRIDIS = {
        new Color(0x440154), new Color(0x3b528b), new Color(0x21918c), new Color(0x5ec962), new Color(0xd9b300),
    };

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** The i-th colour of a qualitative palette (cycles after 10). */
    public static Color category(int i) {
        return QUALITATIVE[Math.floorMod(i, QUALITATIVE.length)];
    }

    /** A colour from dark purple (t = 0) to yellow (t = 1), for ordered series such as generations. */
    public static Color sequential(double t) {
        double s = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) s, VIRIDIS.length - 2);
        double f = s - i;
        Color a = VIRIDIS[i];
        Color b = VIRIDIS[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** A line chart of {@code lines} (bands drawn first, behind every line) at the stand-alone size. */
    public static XYChart lines(String title, String xTitle, String yTitle, List<Line> lines) {
        return lines(title, xTitle, yTitle, lines, WIDTH, HEIGHT);
    }

    /** A line chart of {@code lines} at {@code width} x {@code height} pixels. */
    public static XYChart lines(String title, String xTitle, String yTitle, List<Line> lines, int width, int height) {
        XYChart chart = new XYChart(width, height);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        style(chart.getStyler(), width < WIDTH);
        for (Line line : lines) {
            if (line.hasBand()) {
                addBand(chart, line);
            }
        }
        for (Line line : lines) {
            addLine(chart, line);
        }
        padFlatYAxis(chart, lines);
        roundXTicks(chart, lines);
        return chart;
    }

    /** Makes the chart's y axis logarithmic (non-positive points must already be absent). */
    public static XYChart logY(XYChart chart) {
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    /**
     * Labels an axis whose values are log10 of the quantity with the quantity itself (tick at 2.0 reads
     * "100", at 2.5 "320"), so a log axis has a labelled tick every half decade or closer instead of
     * XChart's one label per decade.
     */
    public static XYChart log10Labels(XYChart chart, boolean xAxis) {
        java.util.function.Function<Double, String> label = Charts::powerOfTen;
        if (xAxis) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(label);
        } else {
            chart.getStyler().setyAxisTickLabelsFormattingFunction(label);
        }
        return chart;
    }

    /** 10^v to two significant digits, without exponent notation up to a million. */
    static String powerOfTen(double v) {
        double x = Math.pow(10, v);
        if (x >= 1e6 || x < 0.01) {
            return String.format(java.util.Locale.ROOT, "%.1e", x);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(x).round(new java.math.MathContext(2));
        return d.stripTrailingZeros().toPlainString();
    }

    /** Hides a chart's own legend (a grid draws one legend for all its panels instead). */
    public static XYChart noLegend(XYChart chart) {
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** Moves the legend below the plot, in one row: for charts with a few series and long names. */
    public static XYChart legendBelow(XYChart chart) {
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS).setLegendLayout(LegendLayout.Horizontal);
        return chart;
    }

    /** Writes {@code chart} as a PNG, atomically. */
    public static void savePng(XYChart chart, Path file) {
        try {
            AtomicFiles.writeBytes(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("could not render " + file + ": " + e.getMessage(), e);
        }
    }

    /** One entry of a legend shared by the panels of a grid. */
    public record LegendEntry(String name, Color color, boolean dashed) {
    }

    /** Writes {@code panels} as one PNG, {@code columns} per row, each panel at its own chart size. */
    public static void saveGrid(List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> panels, int columns,
                                Path file) {
        saveGrid(panels, columns, List.of(), file);
    }

    /**
     * Writes {@code panels} as one PNG, {@code columns} per row, with {@code legend} (if not empty) drawn
     * once in a strip above the panels, so each panel keeps its whole width for data.
     */
    public static void saveGrid(List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> panels, int columns,
                                List<LegendEntry> legend, Path file) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no panels to draw for " + file);
        }
        int w = panels.get(0).getWidth();
        int h = panels.get(0).getHeight();
        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        int strip = legend.isEmpty() ? 0 : LEGEND_STRIP;
        BufferedImage image = new BufferedImage(cols * w, rows * h + strip, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        drawLegend(g, legend, image.getWidth());
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D cell = (Graphics2D) g.create((i % cols) * w, strip + (i / cols) * h, w, h);
            panels.get(i).paint(cell, w, h);
            cell.dispose();
        }
        g.dispose();
        savePng(image, file);
    }

    /** Writes a drawn image as a PNG, atomically. */
    public static void savePng(BufferedImage image, Path file) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not render " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeBytes(file, png.toByteArray());
    }

    /** Height of the legend strip of a grid with a shared legend. */
    static final int LEGEND_STRIP = 44;

    /** The shared legend: a short line and the name per entry, centred in one row. */
    private static void drawLegend(Graphics2D g, List<LegendEntry> legend, int width) {
        if (legend.isEmpty()) {
            return;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        int swatch = 34;
        int gap = 28;
        int total = 0;
        for (LegendEntry e : legend) {
            total += swatch + 8 + g.getFontMetrics().stringWidth(e.name()) + gap;
        }
        int x = Math.max(10, (width - total + gap) / 2);
        int y = LEGEND_STRIP / 2;
        for (LegendEntry e : legend) {
            g.setColor(e.color());
            g.setStroke(e.dashed() ? new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, DASH, 0f)
                    : new BasicStroke(3f));
            g.drawLine(x, y, x + swatch, y);
            g.setColor(new Color(0x222222));
            g.drawString(e.name(), x + swatch + 8, y + g.getFontMetrics().getAscent() / 2 - 1);
            x += swatch + 8 + g.getFontMetrics().stringWidth(e.name()) + gap;
        }
    }

    private static void style(XYStyler styler, boolean compact) {
        int base = compact ? 13 : 15;
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, base + 3));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, base));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, base - 2));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, base - 2));
        styler.setLegendPosition(LegendPosition.OutsideE);
        styler.setLegendLayout(LegendLayout.Vertical);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xe0e0e0));
        styler.setPlotBorderColor(new Color(0x999999));
        styler.setMarkerSize(5);
        styler.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
    }

    /**
     * When the x values are evenly spaced, XChart puts ticks on every k-th value (0, 31, 62, ... for
     * generations 0..1000). An invisible two-point series at the first x value and half a step later
     * breaks the even spacing, so XChart chooses round tick values (0, 100, 200, ...) instead.
     */
    private static void roundXTicks(XYChart chart, List<Line> lines) {
        TreeSet<Double> xs = new TreeSet<>();
        double y = Double.NaN;
        for (Line line : lines) {
            for (int i = 0; i < line.x().length; i++) {
                if (Double.isFinite(line.x()[i]) && Double.isFinite(line.y()[i])) {
                    xs.add(line.x()[i]);
                    y = Double.isNaN(y) ? line.y()[i] : y;
                }
            }
        }
        if (xs.size() <= ROUND_TICKS_ABOVE) {
            return;
        }
        double step = (xs.last() - xs.first()) / (xs.size() - 1);
        XYSeries helper = chart.addSeries(" ", new double[] {xs.first(), xs.first() + step / 2}, new double[] {y, y});
        helper.setLineColor(new Color(0, 0, 0, 0));
        helper.setMarker(SeriesMarkers.NONE);
        helper.setShowInLegend(false);
    }

    /**
     * XChart stretches a y range of (nearly) zero width over the whole plot, so a constant metric whose
     * mean differs in the last bit between generations looks like a cliff. Give such ranges a visible width.
     */
    private static void padFlatYAxis(XYChart chart, List<Line> lines) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Line line : lines) {
            for (double[] values : line.hasBand() ? List.of(line.y(), line.lower(), line.upper()) : List.of(line.y())) {
                for (double v : values) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        if (min <= max && max - min <= 1e-6 * Math.max(1.0, Math.abs(max))) {
            double pad = Math.max(1e-3, 0.05 * Math.abs(max));
            chart.getStyler().setYAxisMin(min - pad).setYAxisMax(max + pad);
        }
    }

    private static void addLine(XYChart chart, Line line) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < line.x().length; i++) {
            if (Double.isFinite(line.x()[i]) && Double.isFinite(line.y()[i])) {
                xs.add(line.x()[i]);
                ys.add(line.y()[i]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(line.name(), xs, ys);
        series.setLineColor(line.color());
        series.setMarkerColor(line.color());
        series.setMarker(xs.size() <= MAX_MARKED_POINTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        series.setLineStyle(line.dashed()
                ? new BasicStroke(line.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, DASH, 0f)
                : new BasicStroke(line.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        series.setShowInLegend(line.inLegend());
    }

    private static void addBand(XYChart chart, Line line) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < line.x().length; i++) {
            if (Double.isFinite(line.x()[i]) && Double.isFinite(line.lower()[i]) && Double.isFinite(line.upper()[i])) {
                kept.add(i);
            }
        }
        if (kept.size() < 2) {
            return;
        }
        for (int i : kept) {
            xs.add(line.x()[i]);
            ys.add(line.upper()[i]);
        }
        for (int j = kept.size() - 1; j >= 0; j--) {
            xs.add(line.x()[kept.get(j)]);
            ys.add(line.lower()[kept.get(j)]);
        }
        XYSeries band = chart.addSeries(line.name() + " (band)", xs, ys);
        Color c = line.color();
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
        band.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
    }
}
