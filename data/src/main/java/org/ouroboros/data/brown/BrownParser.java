package org.ouroboros.data.brown;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Brown file in the tagged format ({@code The/at jury/nn said/vbd ./.}) into readable text:
 * tags stripped (at the last '/', since words like {@code 1-1/2} contain one), quotes ({@code ``}, {@code ''})
 * made into {@code "}, spacing restored around punctuation, and paragraphs kept. A line starting with a
 * tab, or following a blank line, begins a paragraph; other lines continue the current one.
 */
public final class BrownParser {
    private BrownParser() {
    }

    /** The readable text of a tagged file; paragraphs are separated by a blank line. */
    public static String toText(String tagged) {
        List<String> paragraphs = new ArrayList<>();
        List<String> words = new ArrayList<>();
        boolean newParagraph = true;
        for (String line : tagged.split("\n")) {
            if (line.isBlank()) {
                newParagraph = true;
                continue;
            }
            if ((newParagraph || line.startsWith("\t")) && !words.isEmpty()) {
                paragraphs.add(detokenize(words));
                words.clear();
            }
            newParagraph = false;
            for (String token : line.trim().split("\\s+")) {
                words.add(word(token));
            }
        }
        if (!words.isEmpty()) {
            paragraphs.add(detokenize(words));
        }
        return String.join("\n\n", paragraphs);
    }

    /** Number of word/tag tokens (punctuation included), the unit of the corpus's "1.16M words". */
    public static int tokenCount(String tagged) {
        int n = 0;
        for (String token : tagged.trim().split("\\s+")) {
            if (!token.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    /** The word of a {@code word/tag} token. */
    static String word(String token) {
        int slash = token.lastIndexOf('/');
        return slash > 0 ? token.substring(0, slash) : token;
    }

    /**
     * Joins words with spaces except where punctuation attaches to a neighbour. The tagged files double some
     * sentence ends ({@code ? ?}, {@code ; ;}, {@code ! !}, and {@code Jr. .}); each is written once.
     */
    static String detokenize(List<String> words) {
        StringBuilder sb = new StringBuilder();
        boolean glueNext = true;           // no space before the first word
        String previous = "";
        for (String w : words) {
            boolean doubled = isSentenceEnd(w) && (w.equals(previous) || (w.equals(".") && previous.endsWith(".")));
            previous = w;
            if (doubled) {
                continue;
            }
            String text = switch (w) {
                case "``", "''" -> "\"";
                default -> w;
            };
            boolean attachLeft = w.equals("''") || w.equals("'") || isClosingPunctuation(w);
            if (!glueNext && !attachLeft) {
                sb.append(' ');
            }
            sb.append(text);
            glueNext = w.equals("``") || w.equals("(") || w.equals("[");
        }
        return sb.toString();
    }

    private static boolean isSentenceEnd(String w) {
        return w.equals(".") || w.equals("?") || w.equals("!") || w.equals(";");
    }

    private static boolean isClosingPunctuation(String w) {
        return switch (w) {
            case ",", ".", ";", ":", "?", "!", ")", "]" -> true;
            default -> false;
        };
    }
}
