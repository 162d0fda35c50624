package org.ouroboros.trainer.cli;

import java.nio.file.Path;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.tokenize.HfTokenizer;
import org.ouroboros.data.tokenize.TextTokenizer;
import org.ouroboros.trainer.checkpoint.ModelCheckpoints;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.LanguageModel;

/** A checkpoint loaded for a command: the model and, when the checkpoint has one, its tokenizer. */
record LoadedModel(LanguageModel model, TextTokenizer tokenizer, Path dir) implements AutoCloseable {
    static LoadedModel load(Path dir, Engine engine) {
        ModelCheckpoints.Loaded l = ModelCheckpoints.load(dir, engine);
        TextTokenizer t = l.tokenizerFile() == null ? null : HfTokenizer.load(l.tokenizerFile());
        return new LoadedModel(l.model(), t, dir);
    }

    /** The tokenizer, or an error saying text input needs one. */
    TextTokenizer requireTokenizer(String what) {
        if (tokenizer == null) {
            throw new BadInputException(dir + " has no tokenizer.json, so " + what + " cannot be used; give token ids "
                    + "instead or add the tokenizer to the checkpoint");
        }
        return tokenizer;
    }

    /** {@code [bos] + encode(text)}, as HF's OPT tokenizer does by default. */
    int[] encodeWithBos(String text, String what) {
        TextTokenizer t = requireTokenizer(what);
        int[] ids = t.encode(text);
        int[] out = new int[ids.length + 1];
        out[0] = model.config().bosTokenId();
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
        model.close();
    }
}
