package org.ouroboros.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;

class ReadersTest {
    @TempDir
    Path dir;

    @Test
    void wikitextArticlesStartAtTopLevelHeadingsOnly() throws Exception {
        String train = " \n = Valkyria = \n \n Text one .\n = = Sub section = = \n More .\n = Second = \n Two .\n";
        Files.writeString(dir.resolve("wiki.train.raw"), train);
        Files.writeString(dir.resolve("wiki.valid.raw"), " = V = \n v .\n");
        Files.writeString(dir.resolve("wiki.test.raw"), " = T = \n t .\n");
        Corpus c = Corpora.load(dir.toString(), dir, 0);
        assertEquals(2, c.split(Split.TRAIN).size());
        assertTrue(c.split(Split.TRAIN).get(0).text().contains("Sub section"));
        assertTrue(c.split(Split.TRAIN).get(1).text().startsWith(" = Second = "));
        assertEquals("all", c.split(Split.TRAIN).get(0).category());
        assertEquals(train, c.split(Split.TRAIN).get(0).text() + c.split(Split.TRAIN).get(1).text(),
                "text kept exactly");
    }

    @Test
    void plainTextBlocksAndFilesAndJsonl() throws Exception {
        Files.writeString(dir.resolve("train.txt"), "first doc\nline two\n\n\nsecond doc\n");
        Files.writeString(dir.resolve("valid.txt"), "v\n");
        Files.createDirectories(dir.resolve("test"));
        Files.writeString(dir.resolve("test/b.txt"), "file b");
        Files.writeString(dir.resolve("test/a.txt"), "file a");
        Corpus c = Corpora.load("text:" + dir, dir, 0);
        assertEquals(2, c.split(Split.TRAIN).size());
        assertEquals("first doc\nline two", c.split(Split.TRAIN).get(0).text());
        assertEquals("file a", c.split(Split.TEST).get(0).text());

        Path j = Files.createDirectories(dir.resolve("j"));
        Files.writeString(j.resolve("train.jsonl"), "{\"text\": \"a\", \"category\": \"news\"}\n{\"text\": \"b\"}\n");
        Files.writeString(j.resolve("valid.jsonl"), "{\"text\": \"c\", \"id\": \"x\"}\n");
        Files.writeString(j.resolve("test.jsonl"), "{\"text\": \"d\"}\n");
        Corpus jc = Corpora.load(j.toString(), dir, 0);
        assertEquals("news", jc.split(Split.TRAIN).get(0).category());
        assertEquals("all", jc.split(Split.TRAIN).get(1).category());
        assertEquals("x", jc.split(Split.VALID).get(0).id());
    }

    @Test
    void badInputGetsOneClearError() throws Exception {
        Files.writeString(dir.resolve("train.txt"), "ok");
        Files.writeString(dir.resolve("valid.txt"), "ok");
        assertMessage("text:" + dir, "no test split");
        Files.write(dir.resolve("test.txt"), new byte[] {'a', 'b', (byte) 0xC3, (byte) 0x28});
        assertMessage("text:" + dir, "not valid UTF-8 (first bad byte at offset 2)");
        Files.writeString(dir.resolve("test.txt"), "\n\n  \n");
        assertMessage("text:" + dir, "holds no text");
        assertMessage(dir.resolve("nope").toString(), "neither 'brown' nor a directory");
        Path j = Files.createDirectories(dir.resolve("j"));
        Files.writeString(j.resolve("train.jsonl"), "{\"txt\": 1}\n");
        assertMessage("jsonl:" + j, "expected an object with a \"text\" string");
    }

    private void assertMessage(String spec, String fragment) {
        BadInputException e = assertThrows(BadInputException.class, () -> Corpora.load(spec, dir, 0));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
