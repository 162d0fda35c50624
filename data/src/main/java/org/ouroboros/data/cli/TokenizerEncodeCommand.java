package org.ouroboros.data.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.data.corpus.TextFiles;
import org.ouroboros.data.tokenize.HfTokenizer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ouro tokenizer encode}: token ids of a text as a JSON array (input for {@code ouro eval --tokens}). */
@Command(name = "encode", mixinStandardHelpOptions = true, description = "Print the token ids of a text as JSON.")
public final class TokenizerEncodeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--tokenizer", required = true, paramLabel = "DIR", description = "tokenizer.json or its directory.")
    Path tokenizer;

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--text", description = "The text.")
        String text;

        @Option(names = "--input", paramLabel = "FILE", description = "A UTF-8 file.")
        Path file;
    }

    @Option(names = "--bos", description = "Start with the BOS token.")
    boolean bos;

    @Override
    public Integer call() {
        String text = input.text != null ? input.text : TextFiles.readUtf8(input.file);
        if (text.isEmpty()) {
            throw new BadInputException("nothing to encode: the text is empty");
        }
        try (HfTokenizer t = HfTokenizer.load(tokenizer)) {
            int[] ids = t.encode(text);
            if (bos) {
                int[] with = new int[ids.length + 1];
                with[0] = t.bosId();
                System.arraycopy(ids, 0, with, 1, ids.length);
                ids = with;
            }
            Json.print(spec.commandLine().getOut(), ids);
        }
        return ExitCode.OK;
    }
}
