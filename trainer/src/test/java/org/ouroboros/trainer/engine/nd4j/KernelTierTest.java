package org.ouroboros.trainer.engine.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.testing.ChildJvm;

/**
 * The vector kernels give the same bits whether the JVM interprets them or has compiled them with C2: when C2
 * compiles a kernel depends on timing, so any difference between tiers makes a fixed seed's results vary
 * from run to run ({@link LaneMath}).
 */
class KernelTierTest {
    /**
     * The kernels and the vector API never compiled, so the vector API runs its Java fallback lane by lane;
     * the rest (ND4J's start-up) is compiled as usual, which takes a few seconds where -Xint takes a minute.
     */
    private static final List<String> INTERPRETED = List.of(
            "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=exclude,org.ouroboros.trainer.engine.nd4j.HostMath*::*",
            "-XX:CompileCommand=exclude,org.ouroboros.trainer.engine.nd4j.LaneMath::*",
            "-XX:CompileCommand=exclude,org.ouroboros.trainer.engine.nd4j.KernelProbe::*",
            "-XX:CompileCommand=exclude,jdk.incubator.vector.*::*",
            "-XX:CompileCommand=exclude,jdk.internal.vm.vector.*::*");

    @Test
    void interpretedAndCompiledKernelsAgreeBitForBit(@TempDir Path dir) throws Exception {
        Map<String, String> interpreted = probe(dir.resolve("int.log"), INTERPRETED, 1);
        Map<String, String> compiled = probe(dir.resolve("c2.log"),
                List.of("-XX:-TieredCompilation", "-Xbatch", "-XX:CompileThreshold=200"), 12);
        assertTrue(interpreted.size() > 15, "every kernel reported: " + interpreted.keySet());
        assertEquals(List.of(), differing(interpreted, compiled), "kernels whose bits differ, interpreted vs C2");
        assertEquals(List.of(), differing(interpreted, KernelProbe.run()), "interpreted vs this JVM");
    }

    private static List<String> differing(Map<String, String> a, Map<String, String> b) {
        assertEquals(a.keySet(), b.keySet());
        return a.keySet().stream().filter(k -> !a.get(k).equals(b.get(k))).toList();
    }

    private static Map<String, String> probe(Path log, List<String> flags, int rounds) throws Exception {
        ChildJvm child = ChildJvm.of(flags, KernelProbe.class.getName(), List.of(String.valueOf(rounds)),
                Map.of("OMP_NUM_THREADS", "2"), log);
        ChildJvm.Result r = child.run(300);
        assertEquals(0, r.exitCode(), r.output());
        Map<String, String> digests = new LinkedHashMap<>();
        for (String line : r.output().split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2 && parts[1].matches("[0-9a-f]+")) {
                digests.put(parts[0], parts[1]);
            }
        }
        return digests;
    }
}
