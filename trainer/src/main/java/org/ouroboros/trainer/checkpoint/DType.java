package org.ouroboros.trainer.checkpoint;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.ouroboros.cli.BadInputException;

/**
 * The element types a safetensors header may name, with their byte sizes. Every one is understood well
 * enough to validate a file's layout; only the floating types can be read into a {@link Tensor}, and only
 * F32, F16 and BF16 are written.
 */
public enum DType {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4), F64(8), I64(8), U64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether tensors of this type can be read (converted to float32). */
    public boolean readable() {
        return this == F32 || this == F16 || this == BF16 || this == F64;
    }

    /** Whether tensors can be written in this type. */
    public boolean writable() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** The name HuggingFace's {@code config.json} uses in {@code torch_dtype}, e.g. {@code float16}. */
    public String torchName() {
        return switch (this) {
            case F32 -> "float32";
            case F16 -> "float16";
            case BF16 -> "bfloat16";
            case F64 -> "float64";
            case BOOL -> "bool";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    /** The type a safetensors header names {@code code} (case-sensitive, as the format is). */
    public static Optional<DType> fromCode(String code) {
        return Arrays.stream(values()).filter(d -> d.name().equals(code)).findFirst();
    }

    /**
     * The writable type named by a user, accepting {@code f32}/{@code float32}, {@code f16}/{@code float16}/
     * {@code fp16} and {@code bf16}/{@code bfloat16}.
     */
    public static DType parseWritable(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "f32", "fp32", "float32", "float" -> F32;
            case "f16", "fp16", "float16", "half" -> F16;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new BadInputException(
                    "unknown checkpoint dtype '" + name + "': use float32, float16 or bfloat16");
        };
    }
}
