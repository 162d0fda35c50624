package org.ouroboros.trainer.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole content of a safetensors file in memory: tensors by name (in header order) and metadata.
 *
 * @param tensors  tensors converted to float32
 * @param metadata the header's {@code __metadata__}, empty if absent
 */
public record SafetensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {

    public SafetensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
