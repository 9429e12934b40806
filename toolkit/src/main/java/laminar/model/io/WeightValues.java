package laminar.model.io;

import laminar.LaminarException;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Weight values read as float32 from a tensor's mapped bytes, shared by every architecture's weights: single
 * elements, embedding rows, and bfloat16 tensors widened in native memory (DJL's PyTorch binding cannot create
 * bfloat16 tensors).
 */
public final class WeightValues {

    private WeightValues() {
    }

    /** Element {@code index} of a little-endian F32, F16 or BF16 buffer, as float32. */
    public static float element(ByteBuffer b, DType dtype, long index) {
        return switch (dtype) {
            case F32 -> b.getFloat(Math.toIntExact(index * 4));
            case F16 -> Float.float16ToFloat(b.getShort(Math.toIntExact(index * 2)));
            case BF16 -> Float.intBitsToFloat((b.getShort(Math.toIntExact(index * 2)) & 0xffff) << 16);
            default -> throw new IllegalStateException("not computable: " + dtype);
        };
    }

    /**
     * Rows {@code ids} of the 2-D tensor {@code t} of {@code file} (e.g. token embeddings), widened to float32,
     * concatenated. Only the pages of those rows are touched.
     *
     * @param name the tensor's name for messages
     */
    public static float[] rows(SafeTensorsFile file, SafeTensorsFile.Tensor t, String name, int[] ids) {
        int width = Math.toIntExact(t.shape()[1]);
        float[] out = new float[ids.length * width];
        try (Arena arena = Arena.ofConfined()) {
            ByteBuffer b = file.map(t, arena);
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] < 0 || ids[i] >= t.shape()[0]) {
                    throw new LaminarException("token id " + ids[i] + " is outside " + name + " (" + t.shape()[0]
                            + " rows); the tokenizer does not belong to this checkpoint");
                }
                long base = (long) ids[i] * width;
                for (int j = 0; j < width; j++) {
                    out[i * width + j] = element(b, t.dtype(), base + j);
                }
            }
        }
        return out;
    }

    /** A bfloat16 buffer widened to float32 in {@code arena}'s native memory (exact: bf16 is a float32's top half). */
    public static ByteBuffer widenBf16(ByteBuffer src, Arena arena) {
        int n = src.remaining() / 2;
        ByteBuffer dst = arena.allocate(4L * n, 64).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            dst.putInt(4 * i, (src.getShort(2 * i) & 0xffff) << 16);
        }
        return dst;
    }
}
