package org.ouroboros.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.ouroboros.cli.Json;

/** Writes a small JSONL corpus with two genres of different vocabulary, for end-to-end runs. */
public final class TinyCorpus {
    private static final String[] NEWS = {"the", "jury", "said", "city", "vote", "mayor", "election", "court",
        "report", "county", "law", "state", "officials", "budget", "tax", "week", "new", "public", "and", "of"};
    private static final String[] FICTION = {"she", "looked", "at", "the", "door", "night", "dark", "he", "smiled",
        "old", "house", "garden", "quietly", "whispered", "and", "then", "moon", "cold", "her", "hand"};

    private TinyCorpus() {
    }

    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(5);
        for (String split : new String[] {"train", "valid", "test"}) {
            int docs = split.equals("train") ? 24 : 4;
            StringBuilder sb = new StringBuilder();
            for (int d = 0; d < docs; d++) {
                boolean news = d % 3 != 0;
                String[] words = news ? NEWS : FICTION;
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 150; w++) {
                    text.append(words[rng.nextInt(words.length)]).append(w % 12 == 11 ? ". " : " ");
                }
                sb.append(Json.write(java.util.Map.of("text", text.toString().strip(), "category",
                        news ? "news" : "fiction"))).append('\n');
            }
            Files.writeString(dir.resolve(split + ".jsonl"), sb.toString());
        }
        return dir;
    }

    public static String config(Path corpus, String extra) {
        return """
                name: test
                seeds: [3]
                generations: 2
                corpus: {source: "jsonl:%s", max_eval_blocks: 40}
                tokenizer: {vocab_size: 300}
                model: {config: tiny, init: scratch}
                training: {block_size: 16, epochs: 2, batch_size: 8, lr: 3.0e-3, min_lr: 3.0e-4, warmup_steps: 3}
                generation: {prompted: true, strategy: sample, new_tokens: 16, batch_size: 32}
                regimes: [{type: replace}, {type: accumulate}]
                """.formatted(corpus) + extra;
    }
}
