package org.ouroboros.data.brown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BrownParserTest {
    private static final String TAGGED = "\n\n\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' was/bedz found/vbn ./.\n"
            + "It/pps cost/vbd 1-1/2/cd dollars/nns ,/, (/( roughly/rb )/) ;/. did/dod n't/* it/pps ?/.\n"
            + "\n\n\n"
            + "Merger/nn-hl proposed/vbn-hl\n"
            + "However/wrb --/-- the/at boys'/nns$ dog/nn ran/vbd !/.\n"
            + "\n\n\tA/at new/jj paragraph/nn :/: done/vbn ./.\n";

    @Test
    void stripsTagsRestoresSpacingAndKeepsParagraphs() {
        String text = BrownParser.toText(TAGGED);
        String[] paragraphs = text.split("\n\n");
        assertEquals(3, paragraphs.length, text);
        assertEquals("The jury said \"no evidence\" was found. It cost 1-1/2 dollars, (roughly); did n't it?",
                paragraphs[0]);
        assertEquals("Merger proposed However -- the boys' dog ran!", paragraphs[1]);
        assertEquals("A new paragraph: done.", paragraphs[2]);
    }

    @Test
    void writesDoubledSentenceEndsOnce() {
        assertEquals("Really? He met Smith Jr. there; then left!",
                BrownParser.toText("\tReally/rb ?/. ?/. He/pps met/vbd Smith/np Jr./np ./. there/rb ;/. ;/. "
                        + "then/rb left/vbd !/. !/.\n"));
    }

    @Test
    void countsWordTagTokens() {
        assertEquals(10 + 13 + 2 + 7 + 6, BrownParser.tokenCount(TAGGED));
        assertEquals("1-1/2", BrownParser.word("1-1/2/cd"));
        assertEquals("n't", BrownParser.word("n't/*"));
    }
}
