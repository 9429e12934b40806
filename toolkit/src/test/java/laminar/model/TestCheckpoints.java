package laminar.model;

import laminar.model.architectures.Gpt2Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small checkpoints and raw (possibly malformed) safetensors files written by tests. */
public final class TestCheckpoints {

    /** Texts the generated tokenizer knows as single tokens. */
    public static final List<String> TEXTS;

    static {
        List<String> t = new ArrayList<>(RandomCheckpoint.DEFAULT_TEXT);
        t.addAll(List.of(" sofa", " table", " rug"));
        TEXTS = List.copyOf(t);
    }

    private TestCheckpoints() {
    }

    /** A 2-layer, 32-wide, 4-head random GPT-2 with a byte-level tokenizer, in {@code dir}. */
    public static Gpt2Config tiny(Path dir) {
        return tiny(dir, RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 11));
    }

    public static Gpt2Config tiny(Path dir, RandomCheckpoint.Spec spec) {
        return RandomCheckpoint.write(dir, spec, null, TEXTS);
    }

    /** Writes a safetensors file from a header JSON string and raw data bytes, without any checking. */
    public static Path raw(Path file, String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return raw(file, h.length, h, data);
    }

    /** Same with an explicit (possibly lying) header length field. */
    public static Path raw(Path file, long declaredLength, byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLength).put(header).put(data);
        try {
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Little-endian float32 bytes. */
    public static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    public static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
