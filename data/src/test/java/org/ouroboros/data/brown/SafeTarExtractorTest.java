package org.ouroboros.data.brown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;

class SafeTarExtractorTest {
    @TempDir
    Path tmp;

    @Test
    void extractsRegularFiles() throws IOException {
        Path tgz = tarball("ok.tgz", file("package/cats.txt", "ca01 news\n"), file("package/ca01", "a/at"));
        assertEquals(2, SafeTarExtractor.extract(tgz, tmp.resolve("out")));
        assertEquals("ca01 news\n", Files.readString(tmp.resolve("out/package/cats.txt")));
    }

    @Test
    void rejectsTraversalAbsolutePathsAndLinks() throws IOException {
        assertRejected(tarball("dotdot.tgz", file("package/../../evil", "x")), "'..'");
        assertRejected(tarball("abs.tgz", file("/tmp/evil", "x")), "absolute");
        TarArchiveEntry sym = new TarArchiveEntry("package/link", TarArchiveEntry.LF_SYMLINK);
        sym.setLinkName("/etc/passwd");
        assertRejected(tarball("sym.tgz", new Item(sym, null)), "links");
        TarArchiveEntry hard = new TarArchiveEntry("package/hard", TarArchiveEntry.LF_LINK);
        hard.setLinkName("package/cats.txt");
        assertRejected(tarball("hard.tgz", file("package/cats.txt", "x"), new Item(hard, null)), "links");
        TarArchiveEntry device = new TarArchiveEntry("package/dev", TarArchiveEntry.LF_CHR);
        assertRejected(tarball("dev.tgz", new Item(device, null)), "only regular files");
        assertFalse(Files.exists(tmp.resolve("evil")));
    }

    private void assertRejected(Path tgz, String fragment) {
        BadInputException e = assertThrows(BadInputException.class, () -> SafeTarExtractor.extract(tgz, tmp.resolve("x")));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private record Item(TarArchiveEntry entry, byte[] data) {
    }

    private static Item file(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        return new Item(e, data);
    }

    private Path tarball(String name, Item... items) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream raw = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item it : items) {
                tar.putArchiveEntry(it.entry());
                if (it.data() != null) {
                    tar.write(it.data());
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }
}
