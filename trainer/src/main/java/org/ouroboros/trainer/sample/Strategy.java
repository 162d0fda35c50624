package org.ouroboros.trainer.sample;

/** How the next token is chosen. */
public enum Strategy {
    /** The most likely token. */
    GREEDY,
    /** HuggingFace-style beam search (the paper's synthetic data: 5 beams). */
    BEAM,
    /** Ancestral sampling with temperature, top-k and top-p. */
    SAMPLE
}
