package org.ouroboros.data.cli;

import org.ouroboros.cli.ParentCommand;
import picocli.CommandLine.Command;

/** {@code ouro tokenizer}: train byte-level BPE tokenizers and use them. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = "Train a byte-level BPE tokenizer; encode text.",
        subcommands = {TokenizerTrainCommand.class, TokenizerEncodeCommand.class})
public final class TokenizerCommand extends ParentCommand {
}
