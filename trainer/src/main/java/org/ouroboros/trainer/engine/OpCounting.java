package org.ouroboros.trainer.engine;

/**
 * An engine that can count its own work: native ops launched and host<->device copies made while a piece
 * of work runs (e.g. one training or decoding step). Optional: {@code bench --profile-ops} asks engines
 * that implement it.
 */
public interface OpCounting {
    /** What ran. {@code breakdown} is the engine's own per-op listing (free text, most frequent first). */
    record Counts(long ops, long copiesToDevice, long copiesToHost, String breakdown) {
        /** Per unit of work (e.g. per step when {@code work} ran {@code units} steps). */
        public Counts per(int units) {
            return new Counts(ops / units, copiesToDevice / units, copiesToHost / units, breakdown);
        }
    }

    /** Runs {@code work} once with counting on and returns what it did; {@code description} says what was counted. */
    Counts count(Runnable work);

    /** How {@link #count} runs the work (e.g. "host paths off: the ops CUDA runs"). */
    String countingMode();
}
