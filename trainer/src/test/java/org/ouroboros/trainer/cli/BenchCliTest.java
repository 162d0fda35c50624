package org.ouroboros.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.ouroboros.cli.Cli;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;

/** bench train and bench sample name their number of timed repeats alike; --steps still works. */
class BenchCliTest {
    private static final String[] TINY = {"--vocab", "64", "--hidden", "16", "--layers", "1", "--heads", "2",
        "--ffn", "32", "--block-size", "8", "--batch-size", "2", "--warmup", "0", "--json"};

    @Test
    void benchTrainTakesRepeatsAndTheOldStepsAlias() throws Exception {
        for (String option : new String[] {"--repeats", "--steps"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            String[] args = new String[TINY.length + 2];
            System.arraycopy(TINY, 0, args, 0, TINY.length);
            args[TINY.length] = option;
            args[TINY.length + 1] = "2";
            int code = Cli.commandLine(new BenchTrainCommand()).setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(err)).execute(args);
            assertEquals(ExitCode.OK, code, err.toString());
            JsonNode r = Json.MAPPER.readTree(out.toString());
            assertEquals(2, r.get("steps").asInt(), option + ": " + r);
        }
    }
}
