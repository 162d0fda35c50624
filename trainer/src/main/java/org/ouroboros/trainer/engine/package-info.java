/**
 * The engine seam: what the trainer, evaluator, samplers, checkpoints, benchmarks and experiments need from
 * a compute engine, and nothing engine-specific. {@link org.ouroboros.trainer.engine.Engine} makes
 * {@link org.ouroboros.trainer.engine.LanguageModel}s (one OPTForCausalLM with its gradients and AdamW state
 * on the engine's device); a model's {@link org.ouroboros.trainer.engine.Decoder} decodes with a KV cache and
 * hands back {@link org.ouroboros.trainer.engine.Scores} that stay on the device, so per-vocabulary work
 * (penalties, argmax, top-k/top-p draws, beam candidates) happens there and only ids and scores come back.
 *
 * <p>Everything seed-driven stays engine-neutral: the learning-rate schedule, the block order, the clipping
 * decision, the uniforms a draw consumes (the caller draws them from its own {@code SplittableRandom}), and
 * the beam bookkeeping. So two engines whose float scores agree pick the same tokens.
 *
 * <p>Engines: {@code nd4j} ({@code org.ouroboros.trainer.engine.nd4j}) and {@code pytorch}
 * ({@code org.ouroboros.trainer.engine.pytorch}, DJL); {@link org.ouroboros.trainer.engine.Engines} finds
 * them by name and {@link org.ouroboros.trainer.engine.EngineChoice} turns {@code --engine nd4j|pytorch|auto}
 * into one engine on one device, with the reason.
 */
package org.ouroboros.trainer.engine;
