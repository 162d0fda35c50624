package org.ouroboros.experiments.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.data.mnist.FashionMnist;
import org.ouroboros.data.mnist.LabeledImages;
import org.ouroboros.data.mnist.MnistFixtures;
import org.ouroboros.experiments.cli.VaeCommand;
import org.ouroboros.experiments.report.PngAssert;

/** A tiny recursion (a few hundred fixture images, 2 generations, a 16-unit VAE) end to end, in seconds. */
class VaeRecursionTest {
    @TempDir
    Path tmp;

    private static VaeConfig tiny(long seed) {
        return new VaeConfig(2, List.of(VaeRegime.REPLACE, VaeRegime.MIX, VaeRegime.ACCUMULATE), 0.5,
                Minority.parse("3:0.2"), 200, 50, 2, 32, new VaeShape(new int[] {16}, 2, 1e-2), 10, 0.005, seed);
    }

    @Test
    void runsResumesAndRepeatsItself() throws IOException {
        Path data = MnistFixtures.dataDir(tmp.resolve("fixture"), 200, 50);
        Path out = tmp.resolve("run");
        VaeCommand.Outcome first = VaeCommand.run(tiny(7), data, out);
        VaeResult r = first.result();
        assertEquals(9, r.generations().size(), "generations 0..2 of three regimes");
        assertEquals(0, r.resumed());
        assertEquals(184, r.real().trainingImages(), "class 3 thinned from 20 to 4 images");
        VaeGeneration replace2 = r.generations().get(2);
        assertEquals("replace", replace2.regime());
        assertEquals(0, replace2.realImages());
        VaeGeneration mix1 = r.generations().get(4);
        assertEquals(92, mix1.realImages());
        assertEquals(184, mix1.trainingImages());
        VaeGeneration accumulate2 = r.generations().get(8);
        assertEquals(3 * 184, accumulate2.trainingImages());
        for (VaeGeneration g : r.generations()) {
            assertTrue(g.elbo() < 0 && Double.isFinite(g.elbo()), g.toString());
            assertEquals(1.0, Arrays.stream(g.classShares()).sum(), 1e-9);
            assertTrue(g.pixelVariance() >= 0 && g.meanDistance() >= 0);
        }
        assertTrue(r.classifierAccuracy() > 0.9, "the judge tells the fixture's bands apart: " + r.classifierAccuracy());
        assertEquals(1.0, r.real().classesPresent());
        String json = Json.write(r);
        assertTrue(json.contains("\"classifier_accuracy\":") && !json.contains("real_preview"), json);
        LabeledImages samples = new VaeRunDir(out).readSamples(VaeRegime.ACCUMULATE, 2);
        assertEquals(184, samples.count());

        String metrics = Files.readString(out.resolve("metrics.csv"));
        assertEquals(11, metrics.lines().count(), "header, the real row, 9 generations");
        assertTrue(metrics.startsWith("regime,generation,training_images,real_images,elbo,"), metrics);
        PngAssert.assertPng(out.resolve("elbo-diversity.png"), 2 * 560, 2 * 420);
        PngAssert.assertPng(out.resolve("class-shares-replace.png"), 1000, 600);
        assertTrue(Files.readString(out.resolve("report.html")).contains("samples-accumulate.png"));
        assertTrue(Files.size(out.resolve("samples-mix.png")) > 2_000);

        VaeResult again = VaeCommand.run(tiny(7), data, out).result();
        assertEquals(7, again.resumed(), "every generation is read back");
        assertEquals(metrics, Files.readString(out.resolve("metrics.csv")));

        Path fresh = tmp.resolve("fresh");
        VaeCommand.run(tiny(7), data, fresh);
        assertEquals(metrics, Files.readString(fresh.resolve("metrics.csv")), "same seed, same CSV");
        assertArrayEquals(Files.readAllBytes(out.resolve("replace/gen-2/samples-idx3-ubyte")),
                Files.readAllBytes(fresh.resolve("replace/gen-2/samples-idx3-ubyte")));

        BadInputException e = assertThrows(BadInputException.class, () -> VaeCommand.run(tiny(8), data, out));
        assertTrue(e.getMessage().contains("different settings"), e.getMessage());
    }

    @Test
    void ownForwardPassMatchesTheDl4jLayer() {
        LabeledImages images = MnistFixtures.images(8, 3);
        Vae vae = Vae.create(new VaeShape(new int[] {32, 16}, 4, 1e-3), 5);
        for (int s = 0; s < 3; s++) {
            vae.step(images, Pixels.range(0, 8));
        }
        var x = Pixels.batch(images, Pixels.range(0, 8));
        assertEquals(0.0, vae.encode(x)[0].sub(vae.dl4jEncodeMean(x)).amaxNumber().doubleValue(), 1e-6);
        var z = vae.encode(x)[0];
        var mine = Transforms.sigmoid(vae.decodePreOutput(z));
        assertEquals(0.0, mine.sub(vae.dl4jDecode(z)).amaxNumber().doubleValue(), 1e-6);
        Vae.Elbo e = vae.elbo(images, 1, 4);
        assertEquals(e.elbo(), -(e.reconstruction() + e.kl()), 1e-9);
        assertTrue(e.kl() >= 0);
    }

    @Test
    void minorityParsingAndThinning() {
        Minority m = Minority.parse("5, 8:0.25");
        assertArrayEquals(new int[] {5, 8}, m.classes());
        assertEquals("5,8:0.25", m.toString());
        LabeledImages thinned = m.apply(MnistFixtures.images(400, 1), new SplittableRandom(1));
        assertEquals(400 - 2 * 30, thinned.count());
        assertThrows(BadInputException.class, () -> Minority.parse("5:1.5"));
        assertThrows(BadInputException.class, () -> Minority.parse("12:0.1"));
        assertThrows(BadInputException.class, () -> Minority.parse("five"));
        assertEquals(0, Minority.parse("none").classes().length);
    }

    @Test
    void withoutTheDataTheCommandSaysHowToFetchIt() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> VaeCommand.run(tiny(1), tmp.resolve("empty"), tmp.resolve("run")));
        assertTrue(e.getMessage().contains("ouro data fetch fashion-mnist"), e.getMessage());
        assertEquals(10, FashionMnist.CLASSES.size());
    }
}
