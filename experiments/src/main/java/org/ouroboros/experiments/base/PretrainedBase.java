package org.ouroboros.experiments.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.ouroboros.cli.Json;
import org.ouroboros.data.corpus.Corpora;
import org.ouroboros.data.corpus.Corpus;
import org.ouroboros.data.corpus.Document;
import org.ouroboros.data.corpus.Genres;
import org.ouroboros.data.corpus.Split;
import org.ouroboros.data.tokenize.BpeTrainer;
import org.ouroboros.data.tokenize.HfTokenizer;
import org.ouroboros.data.tokenize.TextTokenizer;
import org.ouroboros.data.tokenize.TokenizerJson;
import org.ouroboros.data.tokens.BlockSet;
import org.ouroboros.data.tokens.TokenCache;
import org.ouroboros.data.tokens.TokenFile;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.PretrainConfig;
import org.ouroboros.io.AtomicFiles;
import org.ouroboros.io.Hashing;
import org.ouroboros.trainer.checkpoint.DType;
import org.ouroboros.trainer.checkpoint.DataManifestEntry;
import org.ouroboros.trainer.checkpoint.ModelCheckpoints;
import org.ouroboros.trainer.checkpoint.ModelConfigs;
import org.ouroboros.trainer.checkpoint.Provenance;
import org.ouroboros.trainer.eval.Evaluator;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.train.ProgressListener;
import org.ouroboros.trainer.train.TrainConfig;
import org.ouroboros.trainer.train.TrainListener;
import org.ouroboros.trainer.train.TrainResult;
import org.ouroboros.trainer.train.Trainer;

/**
 * The base model of a config's {@code pretrain} section, made once and kept in the data cache under
 * {@code <data-dir>/bases/NAME-HASH/} ({@code model/}, a HuggingFace checkpoint with its tokenizer and
 * provenance, and {@code base.json}: the {@link BaseKey}, the pretraining figures and the SHA-256 of every
 * file). A later run, of this config or another with the same settings, finds it by its key and reuses
 * it; an entry whose files no longer match their checksums is rebuilt, with one line saying so. The entry
 * is written whole and renamed into place.
 */
public final class PretrainedBase {
    /** Sub-directory of the data directory. */
    public static final String DIR = "bases";
    static final String MANIFEST = "base.json";
    static final String MODEL = "model";

    private PretrainedBase() {
    }

    /** What the pretraining measured. */
    public record Figures(String corpus, int trainBlocks, long trainTokens, int epochs, int bestEpoch,
                          double validPerplexity, double testPerplexity, double seconds, double tokensPerSecond) {
    }

    /** The manifest kept next to the model. */
    public record Manifest(String keySha256, BaseKey key, Figures figures, Map<String, String> sha256) {
    }

    /**
     * A base ready for use.
     *
     * @param model        the checkpoint directory
     * @param reused       found in the cache (false: pretrained just now)
     * @param rebuiltBecause why an existing entry was not reused (null if there was none or it was)
     */
    public record Result(Path model, String keySha256, boolean reused, String rebuiltBecause, Figures figures) {
    }

    /** The config's base, computed on {@code engine}: found in {@code dataDir}'s cache, or pretrained there. */
    public static Result ensure(ExperimentConfig config, Path dataDir, Engine engine) {
        PretrainConfig p = config.pretrain();
        String source = p.source() != null ? p.source() : config.corpus().source();
        Corpus corpus = config.corpus().paragraphs().apply(Genres.select(Corpora.load(source, dataDir,
                config.splitSeed()), p.genres(), "config key 'pretrain.genres'"));
        int blockSize = config.training().blockSize();
        int positions = p.maxPositions() != null ? p.maxPositions()
                : (config.generation().prompted() ? blockSize : 1) + config.generation().newTokens();
        long seed = p.seed() != null ? p.seed() : config.seed();
        BaseKey key = new BaseKey(BaseKey.FORMAT, source, TokenCache.contentHash(corpus), p.genres(),
                config.splitSeed(), p.maxTrainBlocks(), p.maxEvalBlocks(), p.vocabSize(),
                BaseKey.modelIdentity(p.model()), positions, blockSize, p.training(), seed,
                engine.name() + " " + engine.device(), config.corpus().paragraphBreak());
        String hash = key.sha256();
        Path entry = dataDir.resolve(DIR).resolve(corpus.name().replaceAll("[^A-Za-z0-9._-]+", "_") + "-"
                + p.model().replaceAll("[^A-Za-z0-9._-]+", "_") + "-" + hash.substring(0, 16));
        String problem = Files.exists(entry) ? damage(entry, hash) : null;
        if (Files.exists(entry) && problem == null) {
            Manifest m = readManifest(entry);
            System.err.printf(Locale.ROOT, "base model: reusing %s (pretrained on %s, valid ppl %.2f)%n", entry,
                    m.figures().corpus(), m.figures().validPerplexity());
            return new Result(entry.resolve(MODEL), hash, true, null, m.figures());
        }
        if (problem != null) {
            System.err.println("base model " + entry + " is damaged (" + problem + "); rebuilding it");
        }
        Figures f = build(entry, key, hash, corpus, p, dataDir, engine);
        return new Result(entry.resolve(MODEL), hash, false, problem, f);
    }

    private static Figures build(Path entry, BaseKey key, String hash, Corpus corpus, PretrainConfig p, Path dataDir,
                                 Engine engine) {
        int blockSize = key.blockSize();
        long start = System.nanoTime();
        Path work = tempDir(dataDir);
        try {
            List<String> texts = corpus.split(Split.TRAIN).stream().map(Document::text).toList();
            TokenizerJson.write(BpeTrainer.train(texts, p.vocabSize()), work);
            Path tokenizerFile = work.resolve(TokenizerJson.FILE);
            try (TextTokenizer tok = HfTokenizer.load(tokenizerFile)) {
                Map<Split, TokenFile> tokens = TokenCache.encode(corpus, tok, dataDir);
                BlockSet train = BlockSet.stream(tokens.get(Split.TRAIN), blockSize, tok.bosId())
                        .sample(p.maxTrainBlocks(), key.splitSeed());
                BlockSet valid = BlockSet.perDocument(tokens.get(Split.VALID), blockSize, tok.bosId())
                        .sample(p.maxEvalBlocks(), key.splitSeed() + 1);
                BlockSet test = BlockSet.perDocument(tokens.get(Split.TEST), blockSize, tok.bosId())
                        .sample(p.maxEvalBlocks(), key.splitSeed() + 2);
                LanguageModel model = engine.initialize(ModelConfigs.resolve(p.model(), tok.vocabSize(), tok.bosId(),
                        tok.eosId(), tok.padId(), key.maxPositions()), key.seed());
                TrainConfig tc = p.training().toTrainConfig(key.seed());
                System.err.printf(Locale.ROOT, "base model: pretraining a %,d-parameter model on %s (%,d blocks "
                        + "of %d tokens, %d epochs)%n", model.config().parameterCount(), corpus.name(), train.size(),
                        blockSize, tc.epochs());
                TrainResult r;
                try (ProgressListener pl = new ProgressListener("pretrain", Trainer.totalSteps(tc, train.size()),
                        TrainListener.NONE)) {
                    r = new Trainer(tc, pl).train(model, train.blocks(), valid.blocks());
                }
                double testPpl = Evaluator.score(model, test.blocks(), 32).perplexity();
                Figures f = new Figures(corpus.name(), train.size(), train.totalTokens(), r.epochs().size(),
                        r.bestEpoch(), r.bestValidPerplexity(), testPpl, (System.nanoTime() - start) / 1e9,
                        r.tokensPerSecond());
                Provenance prov = Provenance.capture(key.seed(), Json.write(key), engine.runtime(),
                        List.of(DataManifestEntry.ofDescription(corpus.name(), "pretraining blocks of " + blockSize
                                + " tokens", train.size(), train.totalTokens())), List.of("pretrain", hash))
                        .withExtra(Map.of("base_key", key, "base_key_sha256", hash));
                AtomicFiles.writeDirectory(entry, dir -> {
                    ModelCheckpoints.save(model, dir.resolve(MODEL), tokenizerFile, prov, DType.F32);
                    AtomicFiles.writeString(dir.resolve(MANIFEST), Json.writePretty(new Manifest(hash, key, f,
                            checksums(dir))) + "\n");
                });
                System.err.printf(Locale.ROOT, "base model: valid ppl %.2f, test ppl %.2f on %s (%.0f s); kept in %s%n",
                        f.validPerplexity(), f.testPerplexity(), corpus.name(), f.seconds(), entry);
                return f;
            }
        } finally {
            try {
                AtomicFiles.deleteRecursively(work);
            } catch (IOException ignored) {
                // a leftover temporary directory is harmless
            }
        }
    }

    /** Null if the entry is intact and has {@code hash}, else what is wrong with it. */
    static String damage(Path entry, String hash) {
        Manifest m = readManifest(entry);
        if (m == null) {
            return MANIFEST + " is missing or unreadable";
        }
        if (!hash.equals(m.keySha256())) {
            return "its key is " + m.keySha256().substring(0, 12) + "..., not " + hash.substring(0, 12) + "...";
        }
        if (m.sha256() == null || m.sha256().isEmpty()) {
            return MANIFEST + " lists no files";
        }
        for (Map.Entry<String, String> e : m.sha256().entrySet()) {
            Path f = entry.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                return e.getKey() + " is missing";
            }
            if (!Hashing.sha256Hex(f).equals(e.getValue())) {
                return e.getKey() + " does not match its checksum";
            }
        }
        return null;
    }

    static Manifest readManifest(Path entry) {
        Path f = entry.resolve(MANIFEST);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(f.toFile(), Manifest.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** SHA-256 of every file under {@code dir}, by path relative to it. */
    private static Map<String, String> checksums(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).sorted().forEach(f ->
                    out.put(dir.relativize(f).toString().replace('\\', '/'), Hashing.sha256Hex(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Path tempDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir.resolve(DIR));
            return Files.createTempDirectory(dataDir.resolve(DIR), ".pretrain");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory under " + dataDir.resolve(DIR), e);
        }
    }
}
