package org.ouroboros.data.tokenize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain-Java encoder for a {@link BpeModel}: GPT-2 pre-tokenization, then in each piece the adjacent
 * pair with the lowest merge rank is merged (leftmost first) until no merge applies. It exists to check
 * that the {@code tokenizer.json} we write means the same thing to HuggingFace's library.
 */
public final class BpeEncoder {
    private final Map<String, Integer> vocab;
    private final Map<String, Integer> ranks = new HashMap<>();

    public BpeEncoder(BpeModel model) {
        this.vocab = model.vocab();
        for (int r = 0; r < model.merges().size(); r++) {
            String[] m = model.merges().get(r);
            ranks.put(m[0] + " " + m[1], r);
        }
    }

    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String piece : ByteLevel.pretokenize(text)) {
            for (String symbol : bpe(piece)) {
                Integer id = vocab.get(symbol);
                if (id == null) {
                    throw new IllegalStateException("symbol '" + symbol + "' missing from the vocabulary");
                }
                ids.add(id);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private List<String> bpe(String piece) {
        List<String> symbols = new ArrayList<>();
        piece.codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
        while (symbols.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer r = ranks.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
        }
        return symbols;
    }
}
