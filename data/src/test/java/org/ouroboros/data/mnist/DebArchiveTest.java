package org.ouroboros.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.mnist.MnistFixtures.TarItem;

class DebArchiveTest {
    @TempDir
    Path tmp;

    @Test
    void unpacksTheDataMemberXzOrGzip() throws IOException {
        Path idx = MnistFixtures.writeIdx(tmp.resolve("idx"), MnistFixtures.images(20, 1), MnistFixtures.images(10, 2));
        for (boolean xz : new boolean[] {true, false}) {
            Path deb = MnistFixtures.deb(tmp.resolve("pkg-" + xz + ".deb"), xz, MnistFixtures.packageLayout(idx));
            Path out = tmp.resolve("out-" + xz);
            assertEquals(4, DebArchive.extractData(deb, out));
            for (String name : FashionMnist.FILES) {
                assertArrayEquals(Files.readAllBytes(idx.resolve(name)),
                        Files.readAllBytes(out.resolve(FashionMnist.PACKAGE_DIR).resolve(name)));
            }
            assertFalse(Files.exists(out.resolve("control")), "only the data member is unpacked");
            assertEquals(20, FashionMnist.read(out.resolve(FashionMnist.PACKAGE_DIR)).train().count());
        }
    }

    @Test
    void rejectsHostilePackages() throws IOException {
        byte[] x = "x".getBytes(StandardCharsets.UTF_8);
        assertRejected(List.of(TarItem.file("./usr/../../evil", x)), "'..'");
        assertRejected(List.of(TarItem.file("/etc/evil", x)), "absolute path");
        TarArchiveEntry sym = new TarArchiveEntry("./usr/share/link", TarArchiveEntry.LF_SYMLINK);
        sym.setLinkName("/etc/passwd");
        assertRejected(List.of(new TarItem(sym, null)), "links are not allowed");
        TarArchiveEntry hard = new TarArchiveEntry("./usr/share/hard", TarArchiveEntry.LF_LINK);
        hard.setLinkName("./usr/share/a");
        assertRejected(new ArrayList<>(List.of(TarItem.file("./usr/share/a", x), new TarItem(hard, null))),
                "links are not allowed");
        assertFalse(Files.exists(tmp.resolve("evil")));
    }

    @Test
    void rejectsFilesThatAreNotDebianPackages() throws IOException {
        Path notAr = Files.writeString(tmp.resolve("not.deb"), "hello, not an ar archive");
        assertThrows(BadInputException.class, () -> DebArchive.extractData(notAr, tmp.resolve("o1")));
    }

    private void assertRejected(List<TarItem> items, String fragment) throws IOException {
        Path deb = MnistFixtures.deb(Files.createTempFile(tmp, "hostile", ".deb"), true, items);
        BadInputException e = assertThrows(BadInputException.class,
                () -> DebArchive.extractData(deb, tmp.resolve("target")));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
