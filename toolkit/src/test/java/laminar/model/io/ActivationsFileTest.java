package laminar.model.io;

import laminar.model.Activations;
import laminar.model.Qkv;
import laminar.model.TestCheckpoints;
import com.google.gson.JsonParser;
import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationsFileTest {

    @TempDir
    Path tmp;

    static Activations sample() {
        int d = 3;
        int[][] ids = {{1, 2, 3}, {1, 2, 4, 5}};
        int columns = 4;
        float[][][] data = new float[2][3][];
        for (int l = 0; l < 2; l++) {
            for (int k = 0; k < 3; k++) {
                float[] a = new float[2 * columns * d];
                for (int i = 0; i < a.length; i++) {
                    a[i] = l * 100 + k * 10 + i * 0.5f;
                }
                java.util.Arrays.fill(a, 0, d, 0f); // sentence 0 is one token shorter: its first column is empty
                data[l][k] = a;
            }
        }
        return new Activations(List.of("galaxy", "banana"), ids, d, data);
    }

    @Test
    void theFileGetsTheUmasksPermissionsLikeEveryOtherOutput() throws IOException {
        Path f = tmp.resolve("out/activations.safetensors");
        ActivationsFile.write(f, sample());
        Path reference = Files.createFile(tmp.resolve("plain")); // what the umask gives any new file
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(List.of("activations.safetensors"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void roundTripsExactly() {
        Path f = tmp.resolve("out/activations.safetensors");
        Activations a = sample();
        ActivationsFile.write(f, a, Map.of("model", "tiny", "template", "The next word is {word}"));
        Activations b = ActivationsFile.read(f);
        assertEquals(a.words(), b.words());
        assertArrayEquals(a.tokenIds(), b.tokenIds());
        assertEquals(a.nLayers(), b.nLayers());
        for (int l = 0; l < 2; l++) {
            for (Qkv k : Qkv.values()) {
                assertArrayEquals(a.all(l, k), b.all(l, k));
            }
        }
        Map<String, String> meta = ActivationsFile.metadata(f);
        assertEquals("tiny", meta.get("model"));
        assertEquals("right", meta.get("alignment"));
        assertEquals(ActivationsFile.FORMAT, meta.get("format"));
    }

    @Test
    void isAPlainSafetensorsFileWithTheNotebookKeysAndShapes() throws IOException {
        Path f = tmp.resolve("activations.safetensors");
        ActivationsFile.write(f, sample());
        byte[] all = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes so numpy maps float32 data aligned");
        var header = JsonParser.parseString(new String(all, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8))
                .getAsJsonObject();
        var q = header.getAsJsonObject("attn_1_q");
        assertEquals("F32", q.get("dtype").getAsString());
        assertEquals("[2,4,3]", q.get("shape").toString());
        assertEquals("[[1,2,3],[1,2,4,5]]", header.getAsJsonObject("__metadata__").get("token_ids").getAsString());
        // contiguous data, no holes (the reference reader insists)
        long end = 0;
        for (String key : header.keySet()) {
            if (!key.equals("__metadata__")) {
                end = Math.max(end, header.getAsJsonObject(key).getAsJsonArray("data_offsets").get(1).getAsLong());
            }
        }
        assertEquals(all.length - 8 - n, end);
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path f = tmp.resolve("activations.safetensors");
        Files.writeString(f, "old");
        ActivationsFile.write(f, sample());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void refusesOtherFiles() {
        Path f = TestCheckpoints.raw(tmp.resolve("x.safetensors"),
                "{\"attn_0_q\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]);
        assertTrue(assertThrows(LaminarException.class, () -> ActivationsFile.read(f)).getMessage()
                .contains("not a laminar activations file"));
        assertTrue(assertThrows(LaminarException.class, () -> ActivationsFile.read(tmp.resolve("none")))
                .getMessage().contains("no such activations file"));
    }
}
