package org.ouroboros.trainer.train;

import java.util.Locale;
import org.ouroboros.cli.Progress;

/** Shows training on a {@link Progress}: steps with loss, learning rate and tokens/s. */
public final class ProgressListener implements TrainListener, AutoCloseable {
    private final Progress progress;
    private final TrainListener next;

    /** Reports to a new progress display titled {@code task}, then passes events on to {@code next}. */
    public ProgressListener(String task, long totalSteps, TrainListener next) {
        this.progress = Progress.start(task, totalSteps, "steps");
        this.next = next;
    }

    @Override
    public void onStep(long step, long totalSteps, double loss, double lr, double tokensPerSecond) {
        progress.update(step, String.format(Locale.ROOT, "loss %.3f | lr %.2e | %,.0f tok/s", loss, lr, tokensPerSecond));
        next.onStep(step, totalSteps, loss, lr, tokensPerSecond);
    }

    @Override
    public void onEpoch(TrainResult.Epoch epoch, boolean improved, org.ouroboros.trainer.engine.LanguageModel model) {
        next.onEpoch(epoch, improved, model);
    }

    @Override
    public void close() {
        progress.close();
    }
}
