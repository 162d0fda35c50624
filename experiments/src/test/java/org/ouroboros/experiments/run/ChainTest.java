package org.ouroboros.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ouroboros.cli.BadInputException;

/** The --only forms of a chain. */
class ChainTest {
    @Test
    void parsesBothFormsAndPrintsThemBack() {
        Chain c = Chain.parse("regime=mix-0.1,seed=4", "--only");
        assertEquals(new Chain(4, "mix-0.1"), c);
        assertEquals("seed-4/mix-0.1", c.name());
        assertEquals(c, Chain.parse(c.only(), "--only"));
        Chain zero = Chain.parse(" seed=2 , gen0 ", "--only");
        assertEquals(Chain.gen0(2), zero);
        assertEquals("seed-2/gen-0", zero.name());
        assertEquals("gen0,seed=2", zero.only());
    }

    @Test
    void badFormsNameTheOptionAndWhatIsWrong() {
        for (String[] bad : new String[][] {{"regime=replace", "no seed=S"}, {"seed=x,gen0", "seed 'x' is not an integer"},
                {"regime=replace,gen0,seed=1", "give exactly one of regime=R and gen0"}, {"seed=1", "give exactly one"},
                {"regime=replace,seed=1,epochs=3", "unexpected 'epochs=3'"}}) {
            BadInputException e = assertThrows(BadInputException.class, () -> Chain.parse(bad[0], "--only"));
            assertTrue(e.getMessage().startsWith("--only: expected regime=R,seed=S or gen0,seed=S, got '" + bad[0] + "'"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
    }
}
