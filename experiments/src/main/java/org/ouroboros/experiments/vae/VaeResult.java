package org.ouroboros.experiments.vae;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.List;
import org.ouroboros.data.mnist.LabeledImages;

/**
 * A finished VAE run.
 *
 * @param config             what was run
 * @param generations        one row per regime and generation (generation 0, shared, repeated per regime)
 * @param real               the real training set measured like the samples (the yardstick)
 * @param classifierAccuracy the class judge's accuracy on the real test images
 * @param resumed            generations read back from the run directory instead of run
 * @param dir                the run directory
 * @param realPreview        the first real training images, shown above the samples in the grids
 */
public record VaeResult(VaeConfig config, List<VaeGeneration> generations, VaeGeneration real,
                        double classifierAccuracy, int resumed, Path dir, @JsonIgnore LabeledImages realPreview) {
}
