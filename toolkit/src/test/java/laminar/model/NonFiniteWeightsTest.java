package laminar.model;

import laminar.model.architectures.Gpt2Weights;
import laminar.model.architectures.Gpt2Config;
import laminar.model.io.SafeTensorsFile;
import laminar.model.io.DType;
import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Checkpoints with NaN or infinite weights are refused before any compute, naming the tensor and the count. */
class NonFiniteWeightsTest {

    @TempDir
    Path tmp;

    /** Overwrites elements {@code at} of tensor {@code name} in the real file with {@code bits} (little-endian). */
    static void plant(Path file, String name, long bits, int... at) throws IOException {
        long start;
        SafeTensorsFile.Tensor t;
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            t = f.tensor(name);
            start = f.dataStart() + t.begin();
        }
        int size = t.dtype().bytes();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int i : at) {
                ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
                if (size == 4) {
                    b.putInt((int) bits);
                } else {
                    b.putShort((short) bits);
                }
                ch.write(b.flip(), start + (long) i * size);
            }
        }
    }

    private static String refused(Path dir) {
        return assertThrows(LaminarException.class, () -> {
            Gpt2Config c = Gpt2Config.read(dir);
            Gpt2Weights.open(dir, c).close();
        }).getMessage();
    }

    @Test
    void float32NaNAndInfinityAreCountedPerTensor() throws IOException {
        Path dir = tmp.resolve("m");
        TestCheckpoints.tiny(dir);
        Path file = dir.resolve("model.safetensors");
        plant(file, "h.1.attn.c_attn.weight", Float.floatToRawIntBits(Float.NaN), 0, 17, 3071);
        plant(file, "h.0.ln_1.bias", Float.floatToRawIntBits(Float.NEGATIVE_INFINITY), 5);
        String m = refused(dir);
        assertThat(m).startsWith(file + ": non-finite weights (NaN or infinite): ")
                .contains("'h.0.ln_1.bias' holds 1 of 32").contains("'h.1.attn.c_attn.weight' holds 3 of 3072")
                .contains("download or export it again").doesNotContain("\n");
        // A NaN with other payload bits is still NaN.
        Path dir2 = tmp.resolve("m2");
        TestCheckpoints.tiny(dir2);
        plant(dir2.resolve("model.safetensors"), "wte.weight", 0xffc00001L, 3);
        assertThat(refused(dir2)).contains("'wte.weight' holds 1 of");
    }

    @Test
    void halfPrecisionNonFiniteValuesAreFound() throws IOException {
        Path f16 = tmp.resolve("f16");
        TestCheckpoints.tiny(f16, RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 11).withDtype(DType.F16));
        plant(f16.resolve("model.safetensors"), "h.0.mlp.c_fc.weight", 0x7c00, 1, 2); // +inf
        assertThat(refused(f16)).contains("'h.0.mlp.c_fc.weight' holds 2 of 4096");
        Path bf16 = tmp.resolve("bf16");
        TestCheckpoints.tiny(bf16, RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 11).withDtype(DType.BF16));
        plant(bf16.resolve("model.safetensors"), "wpe.weight", 0x7fc0, 9); // NaN
        assertThat(refused(bf16)).contains("'wpe.weight' holds 1 of 2048");
    }

    /** The rotary families' weights are checked the same way, with the same message, before the engine starts. */
    @Test
    void aRotaryCheckpointWithNaNIsRefused() throws IOException {
        Path dir = tmp.resolve("llama");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(Path.of("..", "golden", "models", "tiny-llama"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path file = dir.resolve("model.safetensors");
        String name = "model.layers.1.self_attn.v_proj.weight";
        DType dtype;
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            dtype = f.tensor(name).dtype();
        }
        long nan = switch (dtype) {
            case F32 -> Float.floatToRawIntBits(Float.NaN);
            case F16 -> 0x7e00;
            case BF16 -> 0x7fc0;
            default -> throw new IllegalStateException(dtype.toString());
        };
        plant(file, name, nan, 0, 1);
        String m = assertThrows(LaminarException.class,
                () -> ArchExtractor.open(dir, ExtractionOptions.defaults()).close()).getMessage();
        assertThat(m).startsWith(file + ": non-finite weights (NaN or infinite): ")
                .contains("'" + name + "' holds 2 of").contains("download or export it again");
    }

    @Test
    void finiteExtremesAreAccepted() throws IOException {
        Path dir = tmp.resolve("m");
        TestCheckpoints.tiny(dir);
        plant(dir.resolve("model.safetensors"), "h.0.attn.c_proj.weight", Float.floatToRawIntBits(Float.MAX_VALUE), 0);
        plant(dir.resolve("model.safetensors"), "h.0.attn.c_proj.weight", Float.floatToRawIntBits(Float.MIN_VALUE), 1);
        Gpt2Config c = Gpt2Config.read(dir);
        Gpt2Weights.open(dir, c).close();
    }
}
