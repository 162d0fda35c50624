package org.ouroboros.data.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.brown.BrownCorpus;

/**
 * Opens a corpus from a spec: {@code brown} (fetched into the data directory if needed), or a directory
 * recognised by its files (wikitext-2 raw, JSONL, plain text), or an explicit {@code wikitext:DIR},
 * {@code jsonl:DIR}, {@code text:DIR}.
 */
public final class Corpora {
    /** What {@code --corpus}/{@code --data} accept, for error messages. */
    public static final String FORMS = "brown, a directory with wiki.{train,valid,test}.raw, "
            + "{train,valid,test}.jsonl or {train,valid,test}.txt, or wikitext:DIR / jsonl:DIR / text:DIR";

    private Corpora() {
    }

    /**
     * @param splitSeed seeds the document split of corpora split here (Brown); others come split
     */
    public static Corpus load(String spec, Path dataDir, long splitSeed) {
        if (spec == null || spec.isBlank()) {
            throw new BadInputException("no corpus given; expected " + FORMS);
        }
        if (spec.equals("brown")) {
            return BrownCorpus.load(dataDir, splitSeed);
        }
        int colon = spec.indexOf(':');
        String kind = colon > 0 ? spec.substring(0, colon) : "";
        Path dir = Path.of(colon > 0 && isKind(kind) ? spec.substring(colon + 1) : spec);
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("corpus '" + spec + "' is neither 'brown' nor a directory; expected " + FORMS);
        }
        return switch (isKind(kind) ? kind : detect(dir)) {
            case "wikitext" -> WikitextReader.read(dir);
            case "jsonl" -> JsonlReader.read(dir);
            case "text" -> PlainTextReader.read(dir);
            default -> throw new BadInputException("cannot tell what corpus " + dir + " holds; expected " + FORMS);
        };
    }

    private static boolean isKind(String k) {
        return k.equals("wikitext") || k.equals("jsonl") || k.equals("text");
    }

    private static String detect(Path dir) {
        if (WikitextReader.looksLike(dir)) {
            return "wikitext";
        }
        if (JsonlReader.looksLike(dir)) {
            return "jsonl";
        }
        if (PlainTextReader.looksLike(dir)) {
            return "text";
        }
        return "";
    }
}
