package org.ouroboros.data.tokenize;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-2's byte-level pre-tokenization, as HuggingFace's {@code ByteLevel} pre-tokenizer does it with
 * {@code use_regex: true, add_prefix_space: false}: split text with GPT-2's regex, then write each piece's
 * UTF-8 bytes as printable characters (space becomes {@code Ġ}).
 */
public final class ByteLevel {
    /** GPT-2's split pattern; Unicode-aware whitespace to match the Rust implementation. */
    static final Pattern SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + extra++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {
    }

    /** The printable character standing for byte {@code b} (0..255). */
    public static char byteChar(int b) {
        return BYTE_TO_CHAR[b];
    }

    /** Pieces of {@code text} as byte-level strings. */
    public static List<String> pretokenize(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SPLIT.matcher(text);
        while (m.find()) {
            out.add(toByteChars(m.group()));
        }
        return out;
    }

    /** UTF-8 bytes of {@code s}, each as its printable character. */
    public static String toByteChars(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xff];
        }
        return new String(chars);
    }

    /** The bytes a byte-level string stands for; -1 entries mark characters outside the alphabet. */
    public static byte[] toBytes(String byteChars) {
        byte[] out = new byte[byteChars.length()];
        for (int i = 0; i < out.length; i++) {
            char c = byteChars.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) {
                throw new IllegalArgumentException("character U+" + Integer.toHexString(c) + " is not byte-level");
            }
            out[i] = (byte) b;
        }
        return out;
    }
}
