package org.ouroboros.trainer.checkpoint;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.io.AtomicFiles;
import org.ouroboros.trainer.engine.OptConfig;

/**
 * A model directory in HuggingFace's layout, so {@code OPTForCausalLM.from_pretrained(dir)} and other
 * tools load what we train, and real OPT checkpoints load here: {@code config.json},
 * {@code model.safetensors}, {@code generation_config.json}, {@code tokenizer.json} (plus
 * {@code tokenizer_config.json} and {@code special_tokens_map.json} when the tokenizer has them) and our
 * {@code provenance.json}. Saving is atomic: the directory is filled as a temporary sibling and swapped in,
 * so a crash or error mid-save leaves the previous checkpoint as it was. The swap replaces the whole
 * directory: files other than the ones above do not survive a save.
 */
public final class Checkpoint {
    /** The weights file. */
    public static final String WEIGHTS = "model.safetensors";
    /** The tokenizer file (HuggingFace tokenizers JSON). */
    public static final String TOKENIZER = "tokenizer.json";
    /** Special token ids for {@code generate()}. */
    public static final String GENERATION_CONFIG = "generation_config.json";
    /** Tokenizer side files copied along with {@link #TOKENIZER} when present. */
    public static final List<String> TOKENIZER_EXTRAS = List.of("tokenizer_config.json", "special_tokens_map.json");
    private static final String PICKLED_WEIGHTS = "pytorch_model.bin";
    private static final String SHARD_INDEX = "model.safetensors.index.json";
    private static final int WRITE_BUFFER_BYTES = 1 << 16;

    private Checkpoint() {
    }

    /**
     * Saves a model to {@code dir}, replacing any checkpoint there only once the new one is complete.
     * {@code tensors} is asked for each parameter once, in canonical order, while writing, so it may
     * convert them lazily (only one then exists as floats at a time).
     *
     * @param tensors            parameters by HuggingFace name, with or without {@code model.}; a tied
     *                           {@code lm_head.weight} is checked for shape and not written
     * @param tokenizerFileOrDir a tokenizer.json, or a directory holding one; null for none
     * @param provenance         written as provenance.json; null for none
     * @param dtype              how weights are stored: F32, F16 or BF16 (values rounded to nearest even)
     * @throws BadInputException if names or shapes do not fit {@code config}, or the tokenizer is missing
     */
    public static void save(Path dir, OptConfig config, Map<String, Tensor> tensors, Path tokenizerFileOrDir,
                            Provenance provenance, DType dtype) {
        if (!dtype.writable()) {
            throw new IllegalArgumentException("checkpoints are written as F32, F16 or BF16, not " + dtype);
        }
        requireReplaceable(dir);
        Map<String, String> names = OptTensorNames.resolve(config, tensors.keySet(), "tensors to save");
        if (tensors.containsKey(OptTensorNames.LM_HEAD)) {
            OptTensorNames.checkShapes(config, Map.of(OptTensorNames.LM_HEAD,
                    tensors.get(OptTensorNames.LM_HEAD).shape()), "tensors to save");
        }
        Map<Path, String> tokenizerFiles = tokenizerFiles(tokenizerFileOrDir);
        AtomicFiles.writeDirectory(dir, tmp -> {
            writeWeights(tmp.resolve(WEIGHTS), config, tensors, names, dtype);
            Files.writeString(tmp.resolve(OptCheckpointConfig.FILE_NAME), OptCheckpointConfig.toJson(config, dtype));
            Files.writeString(tmp.resolve(GENERATION_CONFIG), generationConfig(config));
            for (Map.Entry<Path, String> f : tokenizerFiles.entrySet()) {
                Files.copy(f.getKey(), tmp.resolve(f.getValue()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            if (provenance != null) {
                Files.writeString(tmp.resolve(Provenance.FILE_NAME), provenance.toJson());
            }
        });
    }

    /** Saving swaps out the whole directory, so never aim it at a file or at a directory of other things. */
    private static void requireReplaceable(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": is a file; a checkpoint is saved as a directory, choose another path");
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(dir)) {
            empty = entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
        }
        boolean checkpoint = Files.exists(dir.resolve(OptCheckpointConfig.FILE_NAME))
                || Files.exists(dir.resolve(WEIGHTS));
        if (!empty && !checkpoint) {
            throw new BadInputException(dir + ": exists and is not a checkpoint (no config.json or model.safetensors);"
                    + " saving would replace everything in it, so choose an empty or new directory");
        }
    }

    private static void writeWeights(Path file, OptConfig config, Map<String, Tensor> tensors,
                                     Map<String, String> names, DType dtype) throws IOException {
        List<TensorSpec> layout = OptTensorNames.layout(config);
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        layout.forEach(s -> specs.put(s.name(), s));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), WRITE_BUFFER_BYTES);
            Safetensors.write(out, layout, name -> {
                Tensor t = tensors.get(names.get(name));
                if (t != null && !t.hasShape(specs.get(name).shape())) {
                    throw new BadInputException("tensors to save: "
                            + OptTensorNames.shapeError(specs.get(name), t.shape()));
                }
                return t;
            }, Map.of("format", "pt"), dtype);
            out.flush();
            channel.force(true); // the rename that publishes the directory must not outrun the data
        }
    }

    /** HF's generation_config.json: the special ids {@code generate()} uses. */
    static String generationConfig(OptConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_from_model_config", true);
        m.put("bos_token_id", config.bosTokenId());
        m.put("eos_token_id", config.eosTokenId());
        m.put("pad_token_id", config.padTokenId());
        return Json.writePretty(m) + "\n";
    }

    /** Files to copy, each with its name in the checkpoint: tokenizer.json and any side files next to it. */
    private static Map<Path, String> tokenizerFiles(Path fileOrDir) {
        Map<Path, String> files = new LinkedHashMap<>();
        if (fileOrDir == null) {
            return files;
        }
        if (Files.isRegularFile(fileOrDir) && !fileOrDir.getFileName().toString().equals(TOKENIZER)) {
            files.put(fileOrDir, TOKENIZER); // a lone tokenizer file under another name: no side files to trust
            return files;
        }
        Path dir = Files.isRegularFile(fileOrDir) ? fileOrDir.toAbsolutePath().getParent() : fileOrDir;
        if (!Files.isRegularFile(dir.resolve(TOKENIZER))) {
            throw new BadInputException(fileOrDir + ": expected a tokenizer.json file or a directory holding "
                    + "one, found " + (Files.exists(fileOrDir) ? "no tokenizer.json in it" : "nothing there"));
        }
        files.put(dir.resolve(TOKENIZER), TOKENIZER);
        TOKENIZER_EXTRAS.stream().map(dir::resolve).filter(Files::isRegularFile)
                .forEach(f -> files.put(f, f.getFileName().toString()));
        return files;
    }

    /**
     * Loads and validates a model directory: config.json must describe a supported OPT, model.safetensors
     * must hold exactly its parameters with the right shapes (names with or without {@code model.}, plus
     * an optional tied {@code lm_head.weight}). F16/BF16/F64 weights are converted to float32.
     *
     * @throws BadInputException naming the file and what is wrong with it
     */
    public static LoadedCheckpoint load(Path dir) {
        Path weights = requireWeights(dir);
        Path configFile = dir.resolve(OptCheckpointConfig.FILE_NAME);
        if (!Files.isRegularFile(configFile)) {
            throw new BadInputException(dir + ": has model.safetensors but no config.json, so the model's shape"
                    + " is unknown; copy the config.json the weights were saved with into it");
        }
        OptConfig config = OptCheckpointConfig.read(configFile);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (SafetensorsReader reader = SafetensorsReader.open(weights)) {
            Map<String, TensorEntry> entries = reader.header().byName();
            Map<String, String> names = OptTensorNames.resolve(config, entries.keySet(), weights.toString());
            Map<String, long[]> shapes = new LinkedHashMap<>();
            names.forEach((canonical, given) -> shapes.put(canonical, entries.get(given).shape()));
            if (entries.containsKey(OptTensorNames.LM_HEAD)) {
                shapes.put(OptTensorNames.LM_HEAD, entries.get(OptTensorNames.LM_HEAD).shape());
            }
            OptTensorNames.checkShapes(config, shapes, weights.toString());
            names.forEach((canonical, given) -> tensors.put(canonical,
                    requireFinite(weights, given, reader.read(entries.get(given)))));
        }
        Path tokenizer = dir.resolve(TOKENIZER);
        Path provenance = dir.resolve(Provenance.FILE_NAME);
        return new LoadedCheckpoint(config, tensors, Files.isRegularFile(tokenizer) ? tokenizer : null,
                Files.isRegularFile(provenance) ? Provenance.read(provenance) : null);
    }

    /** A NaN or infinite weight would load silently and make every score NaN: refuse it, naming the tensor. */
    private static Tensor requireFinite(Path file, String name, Tensor t) {
        float[] values = t.data();
        int first = -1;
        long bad = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                bad++;
                first = first < 0 ? i : first;
            }
        }
        if (bad > 0) {
            throw new BadInputException(file + ": tensor '" + name + "' holds " + bad + " non-finite value"
                    + (bad == 1 ? "" : "s") + " (the first, " + values[first] + ", at index " + first + " of "
                    + values.length + "); expected finite weights: the checkpoint is damaged or was saved"
                    + " from a diverged training run");
        }
        return t;
    }

    private static Path requireWeights(Path dir) {
        if (!Files.exists(dir)) {
            throw new BadInputException(dir + ": no such checkpoint directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": expected a model directory holding config.json and "
                    + "model.safetensors, got a file");
        }
        Path weights = dir.resolve(WEIGHTS);
        if (Files.isRegularFile(weights)) {
            return weights;
        }
        if (Files.exists(dir.resolve(SHARD_INDEX))) {
            throw new BadInputException(dir + ": holds sharded weights (" + SHARD_INDEX + "), which are not "
                    + "supported; save the model as one model.safetensors (save_pretrained with a large "
                    + "max_shard_size)");
        }
        if (Files.exists(dir.resolve(PICKLED_WEIGHTS))) {
            throw new BadInputException(dir + ": holds " + PICKLED_WEIGHTS + " only; we never unpickle .bin files:"
                    + " convert it to safetensors (for example with the safetensors 'convert' script or"
                    + " `model.save_pretrained(dir, safe_serialization=True)` in transformers)");
        }
        throw new BadInputException(dir + ": has no " + WEIGHTS + "; expected a model directory written by "
                + "Ouroboros or by transformers' save_pretrained");
    }
}
