package laminar.model.io;

import laminar.model.TestCheckpoints;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTensorsFileTest {

    @TempDir
    Path tmp;

    private static final String GOOD = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[16,28]}}";

    private Path good() {
        return TestCheckpoints.raw(tmp.resolve("good.safetensors"), GOOD,
                TestCheckpoints.floats(1, 2, 3, 4, 5, 6, 7));
    }

    private String message(Path file) {
        return assertThrows(LaminarException.class, () -> SafeTensorsFile.open(file).close()).getMessage();
    }

    @Test
    void readsHeaderMetadataAndMapsTensors() {
        try (SafeTensorsFile f = SafeTensorsFile.open(good()); Arena arena = Arena.ofConfined()) {
            assertEquals(2, f.tensors().size());
            assertEquals("pt", f.metadata().get("format"));
            SafeTensorsFile.Tensor b = f.tensor("b");
            assertEquals(DType.F32, b.dtype());
            assertArrayEquals(new long[] {3}, b.shape());
            ByteBuffer buf = f.map(b, arena);
            assertTrue(buf.isDirect());
            assertEquals(0, buf.position());
            assertEquals(12, buf.remaining());
            float[] v = new float[3];
            buf.asFloatBuffer().get(v);
            assertArrayEquals(new float[] {5, 6, 7}, v);
            assertTrue(f.copyOnWrite(), "a writable file is mapped PRIVATE");
        }
    }

    @Test
    void djlWrapsTheMappingWithoutCopyingAndWritesNeverReachTheFile() throws IOException {
        Path file = good();
        byte[] before = Files.readAllBytes(file);
        try (SafeTensorsFile f = SafeTensorsFile.open(file); Arena arena = Arena.ofShared();
             NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ByteBuffer buf = f.map(f.tensor("a"), arena);
            NDArray a = manager.create(buf, new Shape(2, 2), DataType.FLOAT32);
            assertArrayEquals(new float[] {1, 2, 3, 4}, a.toFloatArray());
            // A write into the (private) mapping shows up in the NDArray: it holds the mapped pages, not a copy.
            buf.putFloat(0, 42f);
            assertEquals(42f, a.toFloatArray()[0]);
            // An in-place op on the tensor is safe with a PRIVATE mapping and never reaches the file.
            a.addi(1f);
            assertEquals(43f, a.toFloatArray()[0]);
            a.close();
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void readOnlyFilesAreMappedReadOnly() throws IOException {
        Path file = good();
        assertTrue(file.toFile().setWritable(false));
        if (Files.isWritable(file)) {
            return; // running as root: permissions do not bind, nothing to check
        }
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            assertTrue(!f.copyOnWrite());
        }
    }

    @Test
    void missingFile() {
        assertTrue(message(tmp.resolve("nope.safetensors")).contains("no such file"));
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        Path f = tmp.resolve("short.safetensors");
        Files.write(f, new byte[] {1, 2, 3});
        assertTrue(message(f).contains("is truncated: 3 bytes"));
    }

    @Test
    void truncatedData() throws IOException {
        Path f = good();
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 6));
        String m = message(f);
        assertTrue(m.contains("tensor 'b' ends at byte 28") && m.contains("truncated"), m);
    }

    @Test
    void headerLengthBeyondTheFile() {
        byte[] h = GOOD.getBytes(StandardCharsets.UTF_8);
        Path f = TestCheckpoints.raw(tmp.resolve("long.safetensors"), 100_000, h, TestCheckpoints.floats(1, 2));
        String m = message(f);
        assertTrue(m.contains("declares a header of 100000 bytes but the file has only"), m);
    }

    @Test
    void headerOver100MB() {
        Path f = TestCheckpoints.raw(tmp.resolve("huge.safetensors"), 200L * 1024 * 1024, new byte[16], new byte[0]);
        assertTrue(message(f).contains("over the 100 MB limit"));
    }

    @Test
    void headerNotJson() {
        Path f = TestCheckpoints.raw(tmp.resolve("nojson.safetensors"), "this is not json {", new byte[8]);
        assertTrue(message(f).contains("header is not valid JSON"));
        Path g = TestCheckpoints.raw(tmp.resolve("array.safetensors"), "[1,2,3]", new byte[8]);
        assertTrue(message(g).contains("header is not a JSON object {...} but an array"));
    }

    @Test
    void unknownDtype() {
        Path f = TestCheckpoints.raw(tmp.resolve("dtype.safetensors"),
                "{\"a\":{\"dtype\":\"F99\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]);
        String m = message(f);
        assertTrue(m.contains("unknown dtype 'F99'") && m.contains("re-export"), m);
    }

    @Test
    void offsetsNotMatchingTheShape() {
        Path f = TestCheckpoints.raw(tmp.resolve("offsets.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,10]}}", new byte[16]);
        assertTrue(message(f).contains("data_offsets [0, 10] out of range for its shape [4]"));
        Path g = TestCheckpoints.raw(tmp.resolve("reversed.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", new byte[16]);
        assertTrue(message(g).contains("out of range"));
        Path h = TestCheckpoints.raw(tmp.resolve("beyond.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[400,404]}}", new byte[16]);
        assertTrue(message(h).contains("ends at byte 404"));
    }

    @Test
    void overlappingTensors() {
        Path f = TestCheckpoints.raw(tmp.resolve("overlap.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]);
        String m = message(f);
        assertTrue(m.contains("'a'") && m.contains("'b'") && m.contains("overlap"), m);
    }

    @Test
    void malformedEntries() {
        Path f = TestCheckpoints.raw(tmp.resolve("noshape.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", new byte[4]);
        assertTrue(message(f).contains("no shape array"));
        Path g = TestCheckpoints.raw(tmp.resolve("neg.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4]);
        assertTrue(message(g).contains("negative shape"));
    }

    @Test
    void misalignedDataIsCopiedAligned() {
        // Pad the header so that the data starts 2 bytes off a 4-byte boundary.
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        while (header.length() % 4 != 2) {
            header += " ";
        }
        Path f = TestCheckpoints.raw(tmp.resolve("odd.safetensors"), header, TestCheckpoints.floats(1.5f, -2f));
        try (SafeTensorsFile s = SafeTensorsFile.open(f); Arena arena = Arena.ofConfined()) {
            float[] v = new float[2];
            s.map(s.tensor("a"), arena).asFloatBuffer().get(v);
            assertArrayEquals(new float[] {1.5f, -2f}, v);
        }
    }

    @Test
    void duplicateTensorNameIsRefusedNamingIt() {
        // A lenient parser lets the second entry win: different numbers, exit 0. The reference implementation refuses.
        Path f = TestCheckpoints.raw(tmp.resolve("dup.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                TestCheckpoints.floats(1, 2));
        String m = message(f);
        assertTrue(m.startsWith(f + ": header has the key \"w\" twice"), m);
        assertTrue(m.endsWith("re-export it with safetensors"), m);
    }

    @Test
    void lenientHeaderJsonIsRefusedWithoutGsonHints() {
        Path f = TestCheckpoints.raw(tmp.resolve("lenient.safetensors"),
                "{w:{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}", TestCheckpoints.floats(1));
        String m = message(f);
        assertTrue(m.contains("header is not valid JSON") && !m.contains("http") && !m.contains("\n"), m);
    }
}
