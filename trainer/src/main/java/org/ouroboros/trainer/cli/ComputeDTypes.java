package org.ouroboros.trainer.cli;

import org.ouroboros.cli.BadInputException;
import org.ouroboros.trainer.engine.ComputeDType;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.pytorch.PyTorchEngine;
import org.ouroboros.trainer.engine.pytorch.PyTorchModel;

/** {@code train --compute-dtype}: which engines offer which precision, and putting it into the model. */
final class ComputeDTypes {
    private ComputeDTypes() {
    }

    /** @throws BadInputException for {@code bf16} on an engine other than PyTorch */
    static void require(ComputeDType dtype, Engine engine) {
        if (dtype == ComputeDType.BF16 && !(engine instanceof PyTorchEngine)) {
            throw new BadInputException("--compute-dtype bf16 needs --engine pytorch: the " + engine.name()
                    + " engine computes in float32 only");
        }
    }

    /** Sets the model's matmul precision (a no-op for {@code f32}, which every model computes in). */
    static void apply(ComputeDType dtype, LanguageModel model) {
        if (dtype != ComputeDType.F32) {
            ((PyTorchModel) model).setComputeDType(dtype);
        }
    }
}
