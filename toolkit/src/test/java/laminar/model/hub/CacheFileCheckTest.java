package laminar.model.hub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What makes a cached file damaged: error pages, cut or lenient JSON, hostile indexes, broken safetensors. */
class CacheFileCheckTest {

    @TempDir
    Path tmp;

    private Optional<String> check(String name, byte[] content) throws IOException {
        Path f = tmp.resolve("blob");
        Files.write(f, content);
        return CacheFileCheck.problem(f, name);
    }

    private Optional<String> check(String name, String content) throws IOException {
        return check(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void smallJsonIsParsedStrictly() throws IOException {
        assertEquals(Optional.empty(), check("config.json", "{\"n_embd\": 32, \"a\": [1, 2]}\n"));
        assertEquals(Optional.of("is not valid JSON"), check("config.json", "{\"n_embd\": 32,"));
        assertEquals(Optional.of("is not valid JSON"), check("config.json", "{n_embd: 32}"), "unquoted keys");
        assertEquals(Optional.of("is not valid JSON"), check("config.json", "{\"a\": 1} // note"), "comments");
        assertEquals(Optional.of("is not a JSON object"), check("config.json", "[1]"));
        assertTrue(check("config.json", "{\"a\": 1} {\"b\": 2}").isPresent(), "two documents");
        assertEquals(Optional.of("is empty"), check("config.json", ""));
    }

    @Test
    void largeJsonIsCheckedForItsShapeOnly() throws IOException {
        StringBuilder big = new StringBuilder("{\"model\": {\"vocab\": {");
        for (int i = 0; i < 20_000; i++) {
            big.append(i == 0 ? "" : ", ").append("\"t").append(i).append("\": ").append(i);
        }
        big.append("}}}\n");
        assertTrue(big.length() > 64 * 1024);
        assertEquals(Optional.empty(), check("tokenizer.json", big.toString()));
        assertTrue(check("tokenizer.json", big.substring(0, big.length() / 2)).orElseThrow().contains("cut short"));
    }

    @Test
    void errorPagesAreFoundWhateverTheName() throws IOException {
        for (String name : new String[] {"config.json", "merges.txt", "model.safetensors", "tokenizer.json"}) {
            String m = check(name, "\n  <!DOCTYPE html><html><body>502</body></html>").orElseThrow();
            assertTrue(m.contains("HTML/XML page") && m.contains(name), m);
        }
        assertEquals(Optional.empty(), check("merges.txt", "#version: 0.2\nĠ t\n"));
    }

    @Test
    void anIndexWithAHostileShardNameIsDamaged() throws IOException {
        String m = check("model.safetensors.index.json", "{\"weight_map\": {\"w\": \"../../x.safetensors\"}}").orElseThrow();
        assertTrue(m.contains("not a usable index") && m.contains("../../x.safetensors"), m);
        assertEquals(Optional.empty(), check("model.safetensors.index.json",
                "{\"metadata\": {}, \"weight_map\": {\"w\": \"model-00001-of-00002.safetensors\"}}"));
    }

    @Test
    void safetensorsMustStartWithAHeaderThatFits() throws IOException {
        byte[] header = "{\"__metadata__\":{}}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer ok = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        ok.putLong(header.length).put(header);
        assertEquals(Optional.empty(), check("model.safetensors", ok.array()));
        ByteBuffer lying = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        lying.putLong(1L << 40).put(header);
        assertTrue(check("model.safetensors", lying.array()).orElseThrow().contains("safetensors header"));
        assertTrue(check("model.safetensors", new byte[] {1, 2}).orElseThrow().contains("too short"));
    }
}
