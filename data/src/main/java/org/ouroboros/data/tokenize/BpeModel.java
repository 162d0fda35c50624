package org.ouroboros.data.tokenize;

import java.util.List;
import java.util.Map;

/**
 * A trained byte-level BPE: the vocabulary (token string to id, specials included) and the merges in
 * the order they were learned (their rank).
 *
 * @param vocab     token -> id; ids are 0..size-1
 * @param merges    pairs {@code [left, right]} by rank
 * @param specials  special tokens ({@code <pad>}, {@code </s>}) in id order
 */
public record BpeModel(Map<String, Integer> vocab, List<String[]> merges, List<String> specials) {
    public static final String PAD = "<pad>";
    public static final String EOS = "</s>";

    public int size() {
        return vocab.size();
    }
}
