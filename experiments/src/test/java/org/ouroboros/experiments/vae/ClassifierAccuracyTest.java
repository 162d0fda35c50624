package org.ouroboros.experiments.vae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.data.mnist.FashionMnist;
import org.ouroboros.testing.Preconditions;

/**
 * The class judge on the real data (the Debian package, fetched here; about a minute): with the shipped 3
 * epochs it must classify at least 84% of the 10,000 real test images right (86.4% measured), or the class
 * shares it reports for the samples mean little.
 */
@Tag("slow")
class ClassifierAccuracyTest {
    static final double FLOOR = 0.84;

    @Test
    void classifiesRealTestImages(@TempDir Path tmp) {
        Preconditions.assumeOnPath("apt-get", "Fashion-MNIST is the Debian package dataset-fashion-mnist");
        Preconditions.assumeAptLists("dataset-fashion-mnist");
        FashionMnist.fetch(tmp, null, null, Path.of("/var/cache/apt/archives"));
        FashionMnist.Data data = FashionMnist.load(tmp);
        Classifier c = Classifier.train(data.train(), 3, 0, (done, total) -> { });
        double accuracy = c.accuracy(data.test());
        assertTrue(accuracy >= FLOOR, "real-test accuracy " + accuracy + " below " + FLOOR);
    }
}
