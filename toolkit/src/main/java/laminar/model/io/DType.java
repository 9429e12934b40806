package laminar.model.io;

/**
 * The element types a safetensors header may name. laminar computes with {@link #F32}, {@link #F16} and
 * {@link #BF16} weights (16-bit ones are widened to float32 layer by layer, in native memory that is freed after the layer: F16 by
 * PyTorch, BF16 by laminar because DJL cannot create bfloat16 tensors); the others are
 * known so that a header using them is still parsed and its offsets checked (buffers such as {@code attn.bias}
 * are often {@code BOOL} or {@code U8}), but a weight of such a type is refused.
 */
public enum DType {
    F32(4), F16(2), BF16(2),
    F64(8), I64(8), U64(8), I32(4), U32(4), I16(2), U16(2), I8(1), U8(1), BOOL(1),
    F8_E5M2(1), F8_E4M3(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether laminar can compute with weights of this type. */
    public boolean computable() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** The type named {@code name} in a safetensors header, or {@code null} when the name is unknown. */
    public static DType fromHeader(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
