package org.ouroboros.data.tokens;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.corpus.Corpus;
import org.ouroboros.data.corpus.Document;
import org.ouroboros.data.corpus.Split;
import org.ouroboros.data.tokenize.TextTokenizer;

/**
 * Encodes a corpus's splits once per (corpus content, tokenizer) and keeps the token files under
 * {@code <data-dir>/tokens/}, so later runs load them instead of re-encoding.
 */
public final class TokenCache {
    private TokenCache() {
    }

    public static Map<Split, TokenFile> encode(Corpus corpus, TextTokenizer tokenizer, Path dataDir) {
        Path dir = dataDir.resolve("tokens").resolve(corpus.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + contentHash(corpus).substring(0, 12) + "-" + tokenizer.tokenizerHash().substring(0, 12));
        Map<Split, TokenFile> out = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            Path file = dir.resolve(s.key() + ".tok");
            TokenFile cached = Files.isRegularFile(file) ? tryRead(file) : null;
            if (cached != null && cached.tokenizerHash().equals(tokenizer.tokenizerHash())) {
                out.put(s, cached);
                continue;
            }
            TokenFile encoded = encode(corpus.split(s), corpus.categories(), tokenizer);
            encoded.write(file);
            out.put(s, encoded);
        }
        return out;
    }

    /** Encodes documents without caching. */
    public static TokenFile encode(List<Document> docs, List<String> categories, TextTokenizer tokenizer) {
        List<String> texts = new ArrayList<>(docs.size());
        docs.forEach(d -> texts.add(d.text()));
        List<int[]> ids = tokenizer.encodeAll(texts);
        List<TokenFile.Doc> out = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            out.add(new TokenFile.Doc(docs.get(i).id(), categories.indexOf(docs.get(i).category()), ids.get(i)));
        }
        return new TokenFile(tokenizer.vocabSize(), tokenizer.tokenizerHash(), categories, out);
    }

    private static TokenFile tryRead(Path file) {
        try {
            return TokenFile.read(file);
        } catch (TokenFile.OlderFormatException e) {
            System.err.println("note: " + e.getMessage() + "; encoding the split again");
            return null;
        } catch (BadInputException e) {
            System.err.println("warning: the token cache " + file + " is damaged (" + e.getMessage()
                    + "); encoding the split again");
            return null;
        }
    }

    /** SHA-256 over every split's document ids, categories and texts. */
    public static String contentHash(Corpus corpus) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Split s : Split.values()) {
                md.update(s.key().getBytes(StandardCharsets.UTF_8));
                for (Document d : corpus.split(s)) {
                    md.update((d.id() + "\u0000" + d.category() + "\u0000").getBytes(StandardCharsets.UTF_8));
                    md.update(d.text().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
