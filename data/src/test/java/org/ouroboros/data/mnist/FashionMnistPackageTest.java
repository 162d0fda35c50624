package org.ouroboros.data.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.testing.Preconditions;

/**
 * The real Debian package (a 30.9 MB download, about 3 s): pinned hash, layout and contents as the
 * experiments expect them. Needs apt with a package index that lists it (.ci/run makes sure of that).
 */
class FashionMnistPackageTest {
    @Test
    void fetchesTheRealPackage(@TempDir Path tmp) {
        Preconditions.assumeOnPath("apt-get", "Fashion-MNIST is the Debian package dataset-fashion-mnist");
        Preconditions.assumeAptLists("dataset-fashion-mnist");
        FashionMnist.FetchResult r = FashionMnist.fetch(tmp, null, null, null);
        assertEquals(60_000, r.train());
        assertEquals(10_000, r.test());
        FashionMnist.Data data = FashionMnist.load(tmp);
        int[] perClass = new int[10];
        for (int i = 0; i < data.test().count(); i++) {
            perClass[data.test().label(i)]++;
        }
        for (int k = 0; k < 10; k++) {
            assertEquals(1_000, perClass[k], "class " + k);
        }
        assertEquals("cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
                FashionMnist.validManifest(tmp.resolve(FashionMnist.DIR)).sha256().get("t10k-images-idx3-ubyte.gz"));
        assertTrue(r.seconds() > 0);
    }
}
