package org.ouroboros.experiments.vae;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.ouroboros.data.mnist.LabeledImages;
import org.ouroboros.experiments.report.Charts;

/**
 * A picture of images in rows, one labelled row per set (the real images, then each generation's samples):
 * the slide on which distinct items blur, generation by generation, into an average.
 */
final class SampleGrid {
    private static final int SCALE = 2;
    private static final int GAP = 4;
    private static final int LABEL_WIDTH = 90;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private SampleGrid() {
    }

    /** One row of the grid. */
    record Row(String label, LabeledImages images) {
    }

    /** Writes the first {@code columns} images of each row as a PNG, atomically. */
    static void write(List<Row> rows, int columns, Path file) {
        int side = 28 * SCALE;
        int width = LABEL_WIDTH + columns * (side + GAP);
        int height = rows.size() * (side + GAP) + GAP;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (int r = 0; r < rows.size(); r++) {
            int y0 = GAP + r * (side + GAP);
            g.setColor(Color.DARK_GRAY);
            g.drawString(rows.get(r).label(), 6, y0 + side / 2 + 5);
            LabeledImages images = rows.get(r).images();
            for (int c = 0; c < Math.min(columns, images.count()); c++) {
                drawImage(image, images, c, LABEL_WIDTH + c * (side + GAP), y0);
            }
        }
        g.dispose();
        Charts.savePng(image, file);
    }

    /** Draws image {@code i} as stored (light ink on black), scaled up, with its top left at (x0, y0). */
    private static void drawImage(BufferedImage out, LabeledImages images, int i, int x0, int y0) {
        int d = images.size();
        for (int y = 0; y < images.rows(); y++) {
            for (int x = 0; x < images.cols(); x++) {
                int v = images.pixels()[i * d + y * images.cols() + x] & 0xff;
                int rgb = (v << 16) | (v << 8) | v;
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        out.setRGB(x0 + x * SCALE + dx, y0 + y * SCALE + dy, rgb);
                    }
                }
            }
        }
    }
}
