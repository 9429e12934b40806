package laminar.model;

import laminar.model.architectures.ArchConfig;
import laminar.model.architectures.RopeSpec;
import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad rotary checkpoints are refused before any compute, with one message naming the problem. */
class ArchExtractorTest {

    private static final Path LLAMA = Path.of("..", "golden", "models", "tiny-llama");

    /** tiny-llama's weights with config.json edited by {@code edit}. */
    private static Path withConfig(Path tmp, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("m"));
        Files.createSymbolicLink(dir.resolve("model.safetensors"), LLAMA.resolve("model.safetensors").toAbsolutePath());
        Files.writeString(dir.resolve("config.json"), edit.apply(Files.readString(LLAMA.resolve("config.json"))));
        return dir;
    }

    @Test
    void aConfigThatDoesNotFitTheWeightsNamesTheTensorAndBothShapes(@TempDir Path tmp) throws IOException {
        Path dir = withConfig(tmp, s -> s.replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 4"));
        assertThatThrownBy(() -> ArchExtractor.open(dir, ExtractionOptions.defaults()))
                .isInstanceOf(LaminarException.class)
                .hasMessageContaining("'model.layers.0.self_attn.k_proj.weight' has shape [32, 64]")
                .hasMessageContaining("config.json needs [64, 64]");
    }

    @Test
    void moreLayersInTheWeightsThanTheConfigIsRefused(@TempDir Path tmp) throws IOException {
        Path dir = withConfig(tmp, s -> s.replace("\"num_hidden_layers\": 8", "\"num_hidden_layers\": 7"));
        assertThatThrownBy(() -> ArchExtractor.open(dir, ExtractionOptions.defaults()))
                .isInstanceOf(LaminarException.class).hasMessageContaining("more layers than config.json's");
    }

    @Test
    void aValueOfTheWrongTypeIsOneLineNotACrash(@TempDir Path tmp) throws IOException {
        Path dir = withConfig(tmp, s -> s.replace("\"hidden_size\": 64", "\"hidden_size\": \"sixty-four\""));
        assertThatThrownBy(() -> ArchConfig.read(dir)).isInstanceOf(LaminarException.class)
                .hasMessageContaining("wrong type").hasMessageContaining("fix config.json");
    }

    @Test
    void anUnsupportedRopeTypeIsRefusedNamingTheSupportedOnes(@TempDir Path tmp) throws IOException {
        Path dir = withConfig(tmp, s -> s.replace("\"rope_type\": \"llama3\"", "\"rope_type\": \"yarn\""));
        assertThatThrownBy(() -> ArchConfig.read(dir)).isInstanceOf(LaminarException.class)
                .hasMessageContaining("rope type 'yarn' is not supported (supported: default, llama3)");
    }

    @Test
    void llama3ScalingKeepsHighFrequenciesDividesLowOnesAndSmoothsBetween() {
        RopeSpec plain = RopeSpec.plain(10000, 16);
        RopeSpec scaled = new RopeSpec(10000, 16, "llama3", 8, 1, 4, 64);
        int[] seen = new int[3];
        float[] p = plain.inverseFrequencies();
        float[] s = scaled.inverseFrequencies();
        for (int i = 0; i < p.length; i++) {
            double wavelen = 2 * Math.PI / p[i];
            if (wavelen < 16) { // original 64 / high_freq_factor 4
                assertThat(s[i]).as("band %d kept", i).isEqualTo(p[i]);
                seen[0]++;
            } else if (wavelen > 64) { // original 64 / low_freq_factor 1
                assertThat(s[i]).as("band %d divided", i).isEqualTo(p[i] / 8);
                seen[1]++;
            } else {
                assertThat(s[i]).as("band %d smoothed", i).isStrictlyBetween(p[i] / 8, p[i]);
                seen[2]++;
            }
        }
        assertThat(seen).as("kept, divided, smoothed bands").containsExactly(1, 5, 2);
        assertThat(p[0]).isEqualTo(1f);
    }

    /** tiny-llama's weights as one shard listed by a model.safetensors.index.json whose shard name is {@code shard}. */
    private static Path sharded(Path tmp, String shard) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("sharded"));
        Files.copy(LLAMA.resolve("config.json"), dir.resolve("config.json"));
        Files.createSymbolicLink(dir.resolve("model-00001-of-00001.safetensors"),
                LLAMA.resolve("model.safetensors").toAbsolutePath());
        StringBuilder map = new StringBuilder();
        try (laminar.model.io.SafeTensorsFile f = laminar.model.io.SafeTensorsFile.open(
                LLAMA.resolve("model.safetensors"))) {
            for (String name : f.tensors().keySet()) {
                map.append(map.isEmpty() ? "" : ", ").append('"').append(name).append("\": \"").append(shard)
                        .append('"');
            }
        }
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"weight_map\": {" + map + "}}");
        return dir;
    }

    @Test
    void shardedWeightsReadAsTheSingleFileAndAShardPathIsRefused(@TempDir Path tmp) throws IOException {
        Path dir = sharded(tmp, "model-00001-of-00001.safetensors");
        try (ArchExtractor ex = ArchExtractor.open(dir, ExtractionOptions.defaults())) {
            assertThat(ex.weightBytes()).isEqualTo(Files.size(LLAMA.resolve("model.safetensors")));
        }
        Path bad = sharded(Files.createDirectory(tmp.resolve("b")), "../model.safetensors");
        assertThatThrownBy(() -> ArchExtractor.open(bad, ExtractionOptions.defaults()))
                .isInstanceOf(LaminarException.class)
                .hasMessageContaining("'../model.safetensors' is not a plain file name");
    }
}
