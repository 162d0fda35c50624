package org.ouroboros.experiments.vae;

import java.util.Arrays;
import org.ouroboros.cli.BadInputException;

/**
 * The architecture and optimiser of the VAE.
 *
 * @param hidden       widths of the encoder's hidden layers (the decoder mirrors them)
 * @param latent       dimension of z
 * @param learningRate Adam's learning rate
 */
public record VaeShape(int[] hidden, int latent, double learningRate) {
    public VaeShape {
        hidden = hidden.clone();
        if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1 || h > 4096)) {
            throw new BadInputException("--hidden needs 1 or more layer widths in 1..4096, got " + Arrays.toString(hidden));
        }
        if (latent < 1 || latent > 512) {
            throw new BadInputException("--latent must be in 1..512, got " + latent);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new BadInputException("--lr must be in (0, 1), got " + learningRate);
        }
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }
}
