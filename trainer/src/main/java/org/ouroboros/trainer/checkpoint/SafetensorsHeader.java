package org.ouroboros.trainer.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated header of a safetensors file: its tensors in header order, the free-form string metadata
 * ({@code __metadata__}) and where the data buffer lies. A header only exists in this form once every
 * check of {@link SafetensorsHeaderParser} passed, so the entries tile the data buffer exactly.
 *
 * @param tensors    entries in the order the header lists them
 * @param metadata   {@code __metadata__} (empty if absent), e.g. {@code {"format": "pt"}}
 * @param dataStart  file offset of the data buffer ({@code 8 + header length})
 * @param dataLength bytes in the data buffer
 */
public record SafetensorsHeader(List<TensorEntry> tensors, Map<String, String> metadata, long dataStart,
                                long dataLength) {

    public SafetensorsHeader {
        tensors = List.copyOf(tensors);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The entry named {@code name}, if the file holds it. */
    public Optional<TensorEntry> find(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Entries by name, in header order. */
    public Map<String, TensorEntry> byName() {
        Map<String, TensorEntry> map = new LinkedHashMap<>();
        for (TensorEntry t : tensors) {
            map.put(t.name(), t);
        }
        return Collections.unmodifiableMap(map);
    }
}
