package org.ouroboros.trainer.engine;

/**
 * A copy of a model's weights held by its engine (on the device), restored with
 * {@link LanguageModel#restore}. Closing frees its memory; a closed snapshot cannot be restored.
 */
public interface Snapshot extends AutoCloseable {
    @Override
    void close();
}
