package org.ouroboros.data.cli;

import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code ouro tokenizer}: train byte-level BPE tokenizers and use them. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = "Train a byte-level BPE tokenizer; encode text.",
        subcommands = {TokenizerTrainCommand.class, TokenizerEncodeCommand.class})
public final class TokenizerCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
