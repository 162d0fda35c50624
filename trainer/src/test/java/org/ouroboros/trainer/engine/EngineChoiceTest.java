package org.ouroboros.trainer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.ouroboros.cli.BadInputException;

class EngineChoiceTest {
    /** A build's engine as the decision sees it (the decision never opens it). */
    private record Build(String name, Set<Integer> gpuArchitectures, boolean runsOnCpu) implements EngineProvider {
        @Override
        public String unavailableReason() {
            return null;
        }

        @Override
        public String buildDescription() {
            return name + (gpuArchitectures.isEmpty() ? " cpu" : " cuda");
        }

        @Override
        public Engine open(String device) {
            throw new UnsupportedOperationException("not opened in this test");
        }
    }

    private static final Set<Integer> ND4J_CUDA = Set.of(37, 50, 52, 60, 61, 70, 75, 80, 86);
    private static final Set<Integer> TORCH_CU124 = Set.of(50, 60, 70, 75, 80, 86, 90);
    private static final Gpus.Visible NO_GPU = new Gpus.Visible(List.of(), "no GPU visible (nvidia-smi not found)");

    private static Gpus.Visible gpu(String name, int major, int minor) {
        return new Gpus.Visible(List.of(new Gpu(0, name, major, minor, 81_559, "550.54")), null);
    }

    private static Function<String, EngineProvider> builds(EngineProvider... ps) {
        Map<String, EngineProvider> m = new java.util.HashMap<>();
        for (EngineProvider p : ps) {
            m.put(p.name(), p);
        }
        return m::get;
    }

    private static final Function<String, EngineProvider> CPU_BUILD = builds(new Build("nd4j", Set.of(), true),
            new Build("pytorch", Set.of(), true));
    private static final Function<String, EngineProvider> CUDA_BUILD = builds(new Build("nd4j", ND4J_CUDA, false),
            new Build("pytorch", TORCH_CU124, true));

    @Test
    void autoOnACpuIsNd4jAndSaysWhy() {
        EngineChoice c = EngineChoice.decide("auto", NO_GPU, CPU_BUILD);
        assertEquals("nd4j", c.engine());
        assertEquals("cpu", c.device());
        assertTrue(c.describe().contains("nvidia-smi not found"), c.describe());
    }

    @Test
    void autoPicksNd4jWhereItsBuildCarriesTheArchitectureAndAdaRunsAmpereCode() {
        assertEquals(new EngineChoice("nd4j", "cuda:0", null).engine(),
                EngineChoice.decide("auto", gpu("NVIDIA RTX A6000", 8, 6), CUDA_BUILD).engine());
        EngineChoice ada = EngineChoice.decide("auto", gpu("NVIDIA GeForce RTX 4090", 8, 9), CUDA_BUILD);
        assertEquals("nd4j", ada.engine());
        assertEquals("cuda:0", ada.device());
    }

    @Test
    void autoOnHopperIsPytorch() {
        EngineChoice c = EngineChoice.decide("auto", gpu("NVIDIA H100 80GB HBM3", 9, 0), CUDA_BUILD);
        assertEquals("pytorch", c.engine());
        assertEquals("cuda:0", c.device());
        assertTrue(c.reason().contains("cannot run"), c.reason());
    }

    @Test
    void nd4jOnHopperIsOneErrorNamingGpuCapabilityBuildAndAlternative() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> EngineChoice.decide("nd4j", gpu("NVIDIA H100 80GB HBM3", 9, 0), CUDA_BUILD));
        String m = e.getMessage();
        for (String part : new String[] {"H100", "9.0", "sm_86", "no PTX", "--engine pytorch"}) {
            assertTrue(m.contains(part), part + " missing from: " + m);
        }
    }

    @Test
    void aCpuBuildOnAGpuMachineRunsNd4jOnTheCpu() {
        EngineChoice c = EngineChoice.decide("nd4j", gpu("NVIDIA H100 80GB HBM3", 9, 0), CPU_BUILD);
        assertEquals("cpu", c.device());
        assertTrue(c.reason().contains("CPU-only"), c.reason());
    }

    @Test
    void blackwellRunsNeitherShippedBuild() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> EngineChoice.decide("pytorch", gpu("NVIDIA B200", 10, 0), CUDA_BUILD));
        assertTrue(e.getMessage().contains("10.0"), e.getMessage());
        assertEquals("pytorch", EngineChoice.decide("auto", gpu("NVIDIA B200", 10, 0), CUDA_BUILD).engine());
        assertEquals("cpu", EngineChoice.decide("auto", gpu("NVIDIA B200", 10, 0), CUDA_BUILD).device());
    }

    @Test
    void anEngineMissingFromTheBuildAndAnUnknownNameAreErrors() {
        Function<String, EngineProvider> nd4jOnly = builds(new Build("nd4j", Set.of(), true));
        BadInputException missing = assertThrows(BadInputException.class,
                () -> EngineChoice.decide("pytorch", NO_GPU, nd4jOnly));
        assertTrue(missing.getMessage().contains("not available in this build"), missing.getMessage());
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> EngineChoice.decide("tensorflow", NO_GPU, nd4jOnly));
        assertTrue(unknown.getMessage().contains("nd4j, pytorch or auto"), unknown.getMessage());
    }

    @Test
    void nvidiaSmiLinesParseAndUnfilledOnesAreSkipped() {
        List<Gpu> gpus = Gpus.parse("0, NVIDIA H100 80GB HBM3, 9.0, 81559, 550.54.15\n1, NVIDIA A100, [N/A], 40960, 550\n");
        assertEquals(1, gpus.size());
        assertEquals("9.0", gpus.get(0).computeCapability());
        assertTrue(gpus.get(0).runs(TORCH_CU124));
        assertTrue(!gpus.get(0).runs(ND4J_CUDA));
        assertNull(new Gpus.Visible(gpus, null).noneReason());
    }
}
