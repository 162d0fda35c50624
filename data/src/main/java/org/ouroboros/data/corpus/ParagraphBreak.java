package org.ouroboros.data.corpus;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ouroboros.cli.BadInputException;

/**
 * How paragraphs are separated in a corpus's text. Brown's parser writes a blank line ({@code "\n\n"}),
 * which a byte-level BPE encodes as two newline tokens, the second near-certain after the first;
 * wikitext-2, the corpus of Shumailov et al., holds one paragraph per row, one newline. A setting other
 * than {@link #BLANK_LINE} rewrites every {@code "\n\n"} of every document (Brown's paragraphs hold no
 * newline of their own, so for Brown this is exactly its paragraph breaks) and names the corpus apart
 * ({@code brown[imaginative](paragraph_break=newline)}), so caches keyed by the corpus's name and
 * content never mix the two forms. {@link #BLANK_LINE} leaves the corpus, its name and its text as they
 * are.
 */
public enum ParagraphBreak {
    /** A blank line, as Brown's parser writes it (the default). */
    BLANK_LINE("\n\n", "blank_line"),
    /** One newline, as wikitext-2's rows. */
    NEWLINE("\n", "newline"),
    /** A space: paragraphs run on. */
    SPACE(" ", "space");

    /** What text holds when nothing is configured. */
    public static final ParagraphBreak DEFAULT = BLANK_LINE;

    private final String text;
    private final String label;

    ParagraphBreak(String text, String label) {
        this.text = text;
        this.label = label;
    }

    /** The separator written between paragraphs. */
    public String text() {
        return text;
    }

    /** A name without whitespace, used in corpus names (and so in cache directory names). */
    public String label() {
        return label;
    }

    /**
     * The setting whose separator is {@code text}; null gives {@link #DEFAULT}. Anything else is a
     * {@link BadInputException} naming {@code what} (the config key or option) and the allowed values.
     */
    public static ParagraphBreak of(String text, String what) {
        if (text == null) {
            return DEFAULT;
        }
        for (ParagraphBreak b : values()) {
            if (b.text.equals(text)) {
                return b;
            }
        }
        throw new BadInputException(what + ": must be one of " + allowed() + ", got " + quoted(text));
    }

    /** The allowed separators, quoted with escapes: {@code "\n\n", "\n", " "}. */
    public static String allowed() {
        return Arrays.stream(values()).map(b -> quoted(b.text)).collect(Collectors.joining(", "));
    }

    /** {@code corpus} with every {@code "\n\n"} written as this separator; the corpus itself for the default. */
    public Corpus apply(Corpus corpus) {
        if (this == DEFAULT) {
            return corpus;
        }
        Map<Split, List<Document>> splits = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            splits.put(s, corpus.split(s).stream()
                    .map(d -> new Document(d.id(), d.category(), d.text().replace(DEFAULT.text, text))).toList());
        }
        return new Corpus(corpus.name() + "(paragraph_break=" + label + ")", splits);
    }

    /** {@code s} in double quotes, newlines, tabs, carriage returns, quotes and backslashes escaped. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
