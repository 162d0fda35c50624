package org.ouroboros.data.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ouroboros.cli.BadInputException;

/** Strict UTF-8 reading: invalid bytes are an error naming the file and byte offset, not replacement chars. */
public final class TextFiles {
    private TextFiles() {
    }

    public static String readUtf8(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("file not found: " + file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8(file, bytes);
        }
    }

    /**
     * The one-line error for a file a streaming reader found not to be UTF-8 (it re-reads the file to name
     * the first bad byte's offset).
     */
    public static BadInputException notUtf8(Path file) {
        try {
            return notUtf8(file, Files.readAllBytes(file));
        } catch (IOException e) {
            return new BadInputException(file + " is not valid UTF-8; convert it to UTF-8, e.g. with iconv");
        }
    }

    private static BadInputException notUtf8(Path file, byte[] bytes) {
        return new BadInputException(file + " is not valid UTF-8 (first bad byte at offset "
                + firstInvalidOffset(bytes) + "); convert it to UTF-8, e.g. with iconv");
    }

    /** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
    static long firstInvalidOffset(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
            if (n < 0) {
                return i;
            }
            for (int k = 1; k <= n; k++) {
                if (i + k >= b.length || (b[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return b.length;
    }
}
