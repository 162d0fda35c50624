package org.ouroboros.trainer.engine.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ouroboros.trainer.engine.Snapshot;

/** A copy of an {@link OptModel}'s flat parameter vector, in ND4J memory (on the device). */
final class Nd4jSnapshot implements Snapshot {
    private final OptModel owner;
    private INDArray weights;

    Nd4jSnapshot(OptModel owner, INDArray weights) {
        this.owner = owner;
        this.weights = weights;
    }

    /** The weights of {@code s}, which must be a live snapshot of {@code model}. */
    static INDArray of(Snapshot s, OptModel model) {
        if (!(s instanceof Nd4jSnapshot n) || n.owner != model) {
            throw new IllegalArgumentException("a snapshot can only be restored into the model it was taken from");
        }
        if (n.weights == null) {
            throw new IllegalStateException("snapshot already closed");
        }
        return n.weights;
    }

    @Override
    public void close() {
        if (weights != null) {
            weights.close();
            weights = null;
        }
    }
}
