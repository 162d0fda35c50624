package org.ouroboros.trainer.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Crafts safetensors files byte by byte, so tests control every field, valid or not. */
final class SafetensorsBytes {
    private static int counter;

    private SafetensorsBytes() {
    }

    /** A file with the UTF-8 {@code header} (its true length in front) followed by {@code data}. */
    static Path write(Path dir, String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return raw(dir, json.length, concat(json, data));
    }

    /** A file with {@code zeroBytes} zero bytes of data after {@code header}. */
    static Path write(Path dir, String header, int zeroBytes) {
        return write(dir, header, new byte[zeroBytes]);
    }

    /** A file whose length field says {@code declaredLength}, whatever follows. */
    static Path raw(Path dir, long declaredLength, byte[] rest) {
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredLength).array();
        return bytes(dir, concat(length, rest));
    }

    /** A file holding exactly {@code content}. */
    static Path bytes(Path dir, byte[] content) {
        try {
            return Files.write(dir.resolve("crafted-" + (counter++) + ".safetensors"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
