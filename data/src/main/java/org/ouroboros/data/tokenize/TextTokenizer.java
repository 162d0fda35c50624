package org.ouroboros.data.tokenize;

import java.nio.file.Path;
import java.util.List;

/**
 * Text to token ids and back. Encoding adds no special tokens (callers add BOS where the protocol wants
 * it); decoding keeps them unless asked to skip.
 */
public interface TextTokenizer extends AutoCloseable {
    int[] encode(String text);

    /** Encodes many texts at once (faster than one by one). */
    List<int[]> encodeAll(List<String> texts);

    String decode(int[] ids, boolean skipSpecial);

    default String decode(int[] ids) {
        return decode(ids, false);
    }

    int vocabSize();

    int bosId();

    int eosId();

    int padId();

    /** SHA-256 of the tokenizer.json, identifying the tokenizer in caches and provenance. */
    String tokenizerHash();

    /** The tokenizer.json this was loaded from. */
    Path file();

    @Override
    void close();
}
