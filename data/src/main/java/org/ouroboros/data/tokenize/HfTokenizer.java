package org.ouroboros.data.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.io.Hashing;

/**
 * A HuggingFace {@code tokenizer.json} (ours, or e.g. OPT-125M's GPT-2 BPE) run through DJL's binding of
 * the HF tokenizers library, with truncation and padding off (DJL would otherwise cut every text at 512
 * tokens without a word) and no special tokens added.
 */
public final class HfTokenizer implements TextTokenizer {
    private static final int BATCH = 256;

    private final HuggingFaceTokenizer tokenizer;
    private final Path file;
    private final int vocabSize;
    private final int bos;
    private final int eos;
    private final int pad;
    private final String hash;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, Path file, int vocabSize, int bos, int eos, int pad) {
        this.tokenizer = tokenizer;
        this.file = file;
        this.vocabSize = vocabSize;
        this.bos = bos;
        this.eos = eos;
        this.pad = pad;
        this.hash = Hashing.sha256Hex(file);
    }

    /** Loads {@code tokenizer.json} from a file or a directory holding one. */
    public static HfTokenizer load(Path fileOrDir) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(TokenizerJson.FILE) : fileOrDir;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("no tokenizer at " + fileOrDir + " (expected tokenizer.json or a directory "
                    + "holding it; make one with 'ouro tokenizer train')");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + " is not valid JSON: " + e.getMessage().split("\n")[0]);
        }
        Map<String, Integer> ids = tokenIds(json);
        int eos = firstPresent(ids, file, "</s>", "<|endoftext|>");
        int bos = ids.containsKey("</s>") ? ids.get("</s>") : firstPresent(ids, file, "<s>", "<|endoftext|>");
        int pad = ids.getOrDefault("<pad>", eos);
        int vocab = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder().optTokenizerPath(file)
                    .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();
            return new HfTokenizer(t, file, vocab, bos, eos, pad);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("HuggingFace tokenizers could not load " + file + ": " + e.getMessage());
        }
    }

    /** Every token id of the file: the model vocabulary plus added tokens. */
    private static Map<String, Integer> tokenIds(JsonNode json) {
        Map<String, Integer> ids = new java.util.HashMap<>();
        JsonNode vocab = json.path("model").path("vocab");
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ids.put(e.getKey(), e.getValue().asInt());
        }
        for (JsonNode t : json.path("added_tokens")) {
            ids.put(t.path("content").asText(), t.path("id").asInt());
        }
        return ids;
    }

    private static int firstPresent(Map<String, Integer> ids, Path file, String... names) {
        for (String n : names) {
            if (ids.containsKey(n)) {
                return ids.get(n);
            }
        }
        throw new BadInputException(file + " has none of the end-of-sequence tokens " + List.of(names));
    }

    @Override
    public int[] encode(String text) {
        return toInts(tokenizer.encode(text, false, false).getIds());
    }

    @Override
    public List<int[]> encodeAll(List<String> texts) {
        List<int[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<String> chunk = texts.subList(from, Math.min(texts.size(), from + BATCH));
            for (Encoding e : tokenizer.batchEncode(chunk, false, false)) {
                out.add(toInts(e.getIds()));
            }
        }
        return out;
    }

    @Override
    public String decode(int[] ids, boolean skipSpecial) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return tokenizer.decode(l, skipSpecial);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int bosId() {
        return bos;
    }

    @Override
    public int eosId() {
        return eos;
    }

    @Override
    public int padId() {
        return pad;
    }

    @Override
    public String tokenizerHash() {
        return hash;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
