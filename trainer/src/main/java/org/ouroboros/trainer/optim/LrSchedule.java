package org.ouroboros.trainer.optim;

/**
 * Linear warm-up from 0 to {@code peak} over {@code warmupSteps}, then cosine decay to {@code min} at
 * {@code totalSteps} (the schedule of Shumailov et al.'s fine-tuning: 2e-5 cosine to 1e-6).
 */
public record LrSchedule(double peak, double min, long warmupSteps, long totalSteps) {
    public LrSchedule {
        if (peak <= 0 || min < 0 || min > peak) {
            throw new IllegalArgumentException("need 0 <= min lr <= peak lr and peak > 0, got min " + min
                    + " peak " + peak);
        }
        if (warmupSteps < 0 || totalSteps <= 0) {
            throw new IllegalArgumentException("need warmup >= 0 and total steps > 0");
        }
    }

    /** Learning rate for optimizer step {@code step} (0-based). */
    public double at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        return min + 0.5 * (peak - min) * (1 + Math.cos(Math.PI * progress));
    }
}
