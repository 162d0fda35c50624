package org.ouroboros.data.tokens;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.io.AtomicFiles;

/**
 * One encoded split: every document's token ids (no special tokens) with its id and category. Stored in
 * a compact binary file: a header ({@code OUROTOK1}, version, vocabulary size, tokenizer hash, category
 * names, document table) followed by the tokens as unsigned 16-bit values when the vocabulary fits, else
 * 32-bit (Java's big-endian DataOutput), and last a CRC-32 of everything before it, so a flipped byte that
 * still reads as a valid token is caught too.
 */
public record TokenFile(int vocabSize, String tokenizerHash, List<String> categories, List<Doc> docs) {
    private static final String MAGIC = "OUROTOK1";
    private static final int VERSION = 2;         // 2: the CRC-32 trailer

    /** A document's id, category index (into {@link #categories}) and tokens. */
    public record Doc(String id, int category, int[] tokens) {
    }

    public TokenFile {
        categories = List.copyOf(categories);
        docs = List.copyOf(docs);
        for (Doc d : docs) {
            if (d.category() < 0 || d.category() >= categories.size()) {
                throw new IllegalArgumentException("document " + d.id() + " has category " + d.category());
            }
        }
    }

    /** Tokens over all documents. */
    public long tokenCount() {
        long n = 0;
        for (Doc d : docs) {
            n += d.tokens().length;
        }
        return n;
    }

    public void write(Path file) {
        boolean wide = vocabSize > 0xFFFF;
        AtomicFiles.write(file, raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.writeBytes(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(vocabSize);
            out.writeUTF(tokenizerHash);
            out.writeBoolean(wide);
            out.writeInt(categories.size());
            for (String c : categories) {
                out.writeUTF(c);
            }
            out.writeInt(docs.size());
            for (Doc d : docs) {
                out.writeUTF(d.id());
                out.writeInt(d.category());
                out.writeInt(d.tokens().length);
            }
            for (Doc d : docs) {
                for (int t : d.tokens()) {
                    if (wide) {
                        out.writeInt(t);
                    } else {
                        out.writeShort(t);
                    }
                }
            }
            out.writeLong(checked.getChecksum().getValue());
            out.flush();
        });
    }

    /** Reads a token file; a damaged or foreign file is a BadInputException naming it. */
    public static TokenFile read(Path file) {
        try (CheckedInputStream checked = new CheckedInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), new CRC32());
                DataInputStream in = new DataInputStream(checked)) {
            byte[] magic = new byte[MAGIC.length()];
            in.readFully(magic);
            if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
                throw corrupt(file, "not a token file (bad magic)");
            }
            int version = in.readInt();
            if (version > 0 && version < VERSION) {
                throw new OlderFormatException("token file " + file + " is in an older format (version " + version
                        + "; this build writes version " + VERSION + ")");
            }
            if (version != VERSION) {
                throw corrupt(file, "version " + version + ", expected " + VERSION);
            }
            int vocab = in.readInt();
            String hash = in.readUTF();
            boolean wide = in.readBoolean();
            List<String> cats = new ArrayList<>();
            for (int i = checkCount(file, in.readInt()); i > 0; i--) {
                cats.add(in.readUTF());
            }
            int n = checkCount(file, in.readInt());
            String[] ids = new String[n];
            int[] categories = new int[n];
            int[] lengths = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = in.readUTF();
                categories[i] = in.readInt();
                lengths[i] = checkCount(file, in.readInt());
            }
            List<Doc> docs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int[] tokens = new int[lengths[i]];
                for (int j = 0; j < tokens.length; j++) {
                    tokens[j] = wide ? in.readInt() : in.readUnsignedShort();
                    if (tokens[j] < 0 || tokens[j] >= vocab) {
                        throw corrupt(file, "token " + tokens[j] + " outside the vocabulary of " + vocab);
                    }
                }
                docs.add(new Doc(ids[i], categories[i], tokens));
            }
            long computed = checked.getChecksum().getValue();
            if (in.readLong() != computed) {
                throw corrupt(file, "checksum mismatch (its bytes changed after it was written)");
            }
            if (in.read() != -1) {
                throw corrupt(file, "trailing bytes");
            }
            return new TokenFile(vocab, hash, cats, docs);
        } catch (EOFException e) {
            throw corrupt(file, "truncated");
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    private static int checkCount(Path file, int n) {
        if (n < 0 || n > 100_000_000) {
            throw corrupt(file, "implausible count " + n);
        }
        return n;
    }

    /** A token file this build could once read: intact, but written before the current format. */
    public static final class OlderFormatException extends BadInputException {
        OlderFormatException(String message) {
            super(message);
        }
    }

    private static BadInputException corrupt(Path file, String why) {
        return new BadInputException("token file " + file + " is damaged: " + why + " (delete it to re-encode)");
    }
}
