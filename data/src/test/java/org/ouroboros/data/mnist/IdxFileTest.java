package org.ouroboros.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;

class IdxFileTest {
    @TempDir
    Path tmp;

    private static final IdxFile IMAGES = new IdxFile(new int[] {3, 2, 4},
            new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, (byte) 255});

    @Test
    void roundTripsRawAndGzipped() {
        for (boolean gzip : new boolean[] {false, true}) {
            Path f = tmp.resolve("images-" + gzip);
            IMAGES.write(f, gzip);
            IdxFile back = IdxFile.read(f, 3);
            assertArrayEquals(IMAGES.dims(), back.dims());
            assertArrayEquals(IMAGES.values(), back.values());
        }
    }

    @Test
    void readsTheHeaderAsMnistWritesIt() throws IOException {
        // labels file of MNIST's layout: 00 00 08 01, then n = 2 big-endian, then the labels
        Path f = write("labels", new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7, 9});
        IdxFile labels = IdxFile.read(f, 1);
        assertArrayEquals(new int[] {2}, labels.dims());
        assertArrayEquals(new byte[] {7, 9}, labels.values());
    }

    @Test
    void rejectsTruncatedAndLyingFiles() throws IOException {
        byte[] good = IMAGES.encode();
        assertRejected(write("short-magic", Arrays.copyOf(good, 3)), 3, "ends inside the 4-byte magic");
        assertRejected(write("short-dims", Arrays.copyOf(good, 10)), 3, "ends inside 3 dimension sizes");
        assertRejected(write("short-data", Arrays.copyOf(good, good.length - 1)), 3, "truncated: dimensions [3, 2, 4] need 24");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertRejected(write("trailing", longer), 3, "trailing bytes");
        byte[] magic = good.clone();
        magic[1] = 1;
        assertRejected(write("magic", magic), 3, "two zero bytes");
        byte[] type = good.clone();
        type[2] = 0x0d;
        assertRejected(write("float", type), 3, "expected type 0x08");
        assertRejected(write("rank", good), 1, "expected 1 dimension(s), the header says 3");
        byte[] lying = good.clone();
        lying[7] = 4; // claims 4 images, holds 3
        assertRejected(write("lying", lying), 3, "truncated");
        byte[] negative = good.clone();
        negative[4] = (byte) 0x80;
        assertRejected(write("negative", negative), 3, "must be > 0");
        byte[] huge = good.clone();
        huge[4] = 0x7f;
        assertRejected(write("huge", huge), 3, "more than");
    }

    @Test
    void rejectsATruncatedGzipStream() throws IOException {
        Path f = tmp.resolve("cut.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(IMAGES.encode());
        }
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 12));
        BadInputException e = assertThrows(BadInputException.class, () -> IdxFile.read(f, 3));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private static void assertRejected(Path f, int rank, String fragment) {
        BadInputException e = assertThrows(BadInputException.class, () -> IdxFile.read(f, rank));
        assertTrue(e.getMessage().contains(fragment) && e.getMessage().contains(f.toString()), e.getMessage());
    }
}
