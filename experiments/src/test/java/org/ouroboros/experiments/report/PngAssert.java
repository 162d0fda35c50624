package org.ouroboros.experiments.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Checks that a file is a real, non-blank PNG of the expected size. */
public final class PngAssert {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngAssert() {
    }

    /** Asserts {@code file} is a PNG of width x height pixels with more than trivial content. */
    public static void assertPng(Path file, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(file), "missing " + file);
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 5_000, file + " is only " + bytes.length + " bytes");
        assertArrayEquals(SIGNATURE, Arrays.copyOf(bytes, 8), file + " has no PNG signature");
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(width, image.getWidth(), file + " width");
        assertEquals(height, image.getHeight(), file + " height");
        assertTrue(distinctColours(image) > 10, file + " looks blank");
    }

    private static long distinctColours(BufferedImage image) {
        return Arrays.stream(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()))
                .distinct().limit(100).count();
    }
}
