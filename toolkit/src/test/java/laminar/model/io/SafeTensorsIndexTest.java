package laminar.model.io;

import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one reader of {@code model.safetensors.index.json}: the weight map in order, and its refusals. */
class SafeTensorsIndexTest {

    private static Path index(Path dir, String json) throws IOException {
        return Files.writeString(dir.resolve(SafeTensorsIndex.FILE), json);
    }

    @Test
    void readsTheWeightMapInOrder(@TempDir Path tmp) throws IOException {
        Path f = index(tmp, "{\"metadata\": {\"total_size\": 8}, \"weight_map\": {\"b\": \"model-2.safetensors\","
                + " \"a\": \"model-1.safetensors\"}}");
        assertThat(SafeTensorsIndex.weightMap(f)).containsExactly(
                java.util.Map.entry("b", "model-2.safetensors"), java.util.Map.entry("a", "model-1.safetensors"));
    }

    @Test
    void aShardNameThatIsAPathIsRefusedNamingIt(@TempDir Path tmp) throws IOException {
        for (String bad : new String[] {"../outside.safetensors", "sub/model.safetensors", "..", ""}) {
            Path f = index(tmp, "{\"weight_map\": {\"a\": \"" + bad + "\"}}");
            assertThatThrownBy(() -> SafeTensorsIndex.weightMap(f)).as(bad).isInstanceOf(LaminarException.class)
                    .hasMessageContaining("is not a valid safetensors index")
                    .hasMessageContaining("'" + bad + "' is not a plain file name");
        }
    }

    @Test
    void anIndexWithoutAWeightMapOrWithANonStringShardIsOneLine(@TempDir Path tmp) throws IOException {
        Path none = index(tmp, "{\"metadata\": {}}");
        assertThatThrownBy(() -> SafeTensorsIndex.weightMap(none)).isInstanceOf(LaminarException.class)
                .hasMessageContaining("no weight_map object").hasMessageContaining("download the checkpoint again");
        Path number = index(tmp, "{\"weight_map\": {\"a\": {\"shard\": 1}}}");
        assertThatThrownBy(() -> SafeTensorsIndex.weightMap(number)).isInstanceOf(LaminarException.class)
                .hasMessageContaining("is not a valid safetensors index");
    }
}
