package org.ouroboros.trainer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ouroboros.cli.BadInputException;

/**
 * Where {@code train --out} may write: a new or empty directory, or, with {@code --overwrite}, one that
 * already holds a checkpoint. Training rewrites its own best-validation checkpoint there as it improves;
 * what it must not do is replace a checkpoint it did not write (perhaps a better one) without being told.
 */
final class CheckpointTarget {
    private CheckpointTarget() {
    }

    static void require(Path out, boolean overwrite) {
        boolean checkpoint = Files.isRegularFile(out.resolve("model.safetensors"))
                || Files.isRegularFile(out.resolve("config.json"));
        if (checkpoint && !overwrite) {
            throw new BadInputException("--out " + out + " already holds a checkpoint; pass --overwrite to replace"
                    + " it with this training's best epoch, or choose another --out");
        }
    }
}
