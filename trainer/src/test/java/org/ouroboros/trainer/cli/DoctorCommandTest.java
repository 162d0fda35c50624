package org.ouroboros.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ouroboros.cli.Cli;
import org.ouroboros.cli.Json;
import org.ouroboros.trainer.engine.Gpu;
import org.ouroboros.trainer.engine.Gpus;
import org.ouroboros.trainer.engine.pytorch.PyTorchEngineProvider;
import picocli.CommandLine;

class DoctorCommandTest {
    @Test
    void printsEnginesAndNoGpuOnAMachineWithout() throws Exception {
        Assumptions.assumeTrue(Gpus.query().gpus().isEmpty(), "this test describes a machine without a GPU");
        StringWriter text = new StringWriter();
        CommandLine cli = Cli.commandLine(new DoctorCommand());
        cli.setOut(new PrintWriter(text));
        assertEquals(0, cli.execute());
        String out = text.toString();
        assertTrue(out.contains("gpu     no GPU"), out);
        assertTrue(out.contains("libtorch 2.5.1 cpu"), out);
        assertTrue(out.matches("(?s).*\\npytorch +cpu +yes .*"), out);
        assertTrue(out.contains("--engine auto: engine "), out);

        StringWriter js = new StringWriter();
        cli = Cli.commandLine(new DoctorCommand());
        cli.setOut(new PrintWriter(js));
        assertEquals(0, cli.execute("--json"));
        JsonNode report = Json.MAPPER.readTree(js.toString());
        assertEquals(0, report.get("gpus").size());
        assertTrue(report.get("java").asText().contains(System.getProperty("java.version")));
        JsonNode torch = null;
        for (JsonNode e : report.get("engines")) {
            torch = e.get("name").asText().equals("pytorch") ? e : torch;
        }
        assertTrue(torch != null && torch.get("problem").isNull(), js.toString());
        assertTrue(torch.get("runtime").asText().startsWith("libtorch 2.5.1"), torch.toString());
    }

    @Test
    void aGpuIsJudgedByTheArchitecturesTheBuildCarries() {
        PyTorchEngineProvider torch = new PyTorchEngineProvider();
        Gpu h100 = new Gpu(0, "NVIDIA H100 80GB HBM3", 9, 0, 81_559, "550.54");
        Gpu b200 = new Gpu(1, "NVIDIA B200", 10, 0, 183_000, "570.1");
        DoctorCommand.Verdict onH100 = DoctorCommand.gpuVerdict("pytorch", torch, h100);
        DoctorCommand.Verdict onB200 = DoctorCommand.gpuVerdict("pytorch", torch, b200);
        assertFalse(onB200.runs(), onB200.why());
        if (torch.gpuArchitectures().isEmpty()) {    // the default (CPU) build
            assertFalse(onH100.runs());
            assertTrue(onH100.why().contains("-Pcuda"), onH100.why());
        } else {
            assertTrue(onH100.runs(), onH100.why());
            assertTrue(onB200.why().contains("compute capability 10.0 (Blackwell)"), onB200.why());
        }
        assertEquals("Hopper", GpuGenerations.of(9, 0).name());
        assertTrue(GpuGenerations.of(8, 9).nd4jCuda116() && !GpuGenerations.of(9, 0).nd4jCuda116());
        assertNull(GpuGenerations.of(4, 0));
    }
}
