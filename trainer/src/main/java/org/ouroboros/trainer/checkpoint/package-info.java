/**
 * Model checkpoints in HuggingFace's OPT layout, in pure Java and without ND4J: the safetensors format
 * ({@link org.ouroboros.trainer.checkpoint.Safetensors}, {@link org.ouroboros.trainer.checkpoint.SafetensorsReader}),
 * OPT's {@code config.json} ({@link org.ouroboros.trainer.checkpoint.OptCheckpointConfig}), its parameter names
 * and shapes ({@link org.ouroboros.trainer.checkpoint.OptTensorNames}), model directories
 * ({@link org.ouroboros.trainer.checkpoint.Checkpoint}) and the provenance written with every model
 * ({@link org.ouroboros.trainer.checkpoint.Provenance}).
 */
package org.ouroboros.trainer.checkpoint;
