package laminar.model;

import laminar.model.architectures.Gpt2Weights;
import laminar.model.architectures.Gpt2Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayerWeightsTest {

    private static final List<String> BLOCK = List.of("ln_1.weight", "ln_1.bias", "attn.c_attn.weight",
            "attn.c_attn.bias", "attn.c_proj.weight", "attn.c_proj.bias", "ln_2.weight", "ln_2.bias",
            "mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias");

    @TempDir
    Path dir;

    /** One mapping per layer, sliced, gives every tensor's bytes exactly as mapping it alone does. */
    @Test
    void everySliceEqualsTheTensorMappedAlone() {
        Gpt2Config config = TestCheckpoints.tiny(dir);
        try (Gpt2Weights w = Gpt2Weights.open(dir, config); Arena alone = Arena.ofConfined()) {
            for (int layer = 0; layer < config.nLayer(); layer++) {
                for (boolean populate : new boolean[]{false, true}) {
                    try (LayerWeights lw = LayerWeights.map(w, "h." + layer + ".", BLOCK, populate)) {
                        for (String name : BLOCK) {
                            ByteBuffer got = lw.buffer(name);
                            ByteBuffer want = w.map("h." + layer + "." + name, alone);
                            assertThat(got.position()).isZero();
                            assertThat(got.isDirect()).isTrue();
                            assertThat(got.remaining()).isEqualTo(want.remaining());
                            assertThat(got.mismatch(want)).as(name).isEqualTo(-1);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aSubsetMapsOnlyWhatWasAskedFor() {
        Gpt2Config config = TestCheckpoints.tiny(dir);
        try (Gpt2Weights w = Gpt2Weights.open(dir, config);
             LayerWeights lw = LayerWeights.map(w, "h.1.", BLOCK.subList(0, 4), true)) {
            assertThat(lw.buffer("attn.c_attn.weight").remaining()).isEqualTo(4 * 32 * 96);
            assertThatThrownBy(() -> lw.buffer("mlp.c_fc.weight")).isInstanceOf(IllegalStateException.class);
        }
    }

    /** Reading ahead hands out the same bytes, layer after layer, as mapping on demand. */
    @Test
    void everyReadModeHandsOutTheSameLayers() {
        Gpt2Config config = TestCheckpoints.tiny(dir);
        try (Gpt2Weights w = Gpt2Weights.open(dir, config); Arena alone = Arena.ofConfined()) {
            for (LayerSource.Read read : LayerSource.Read.values()) {
                try (LayerSource source = new LayerSource(w, config.nLayer(), l -> "h." + l + ".", l -> BLOCK, read)) {
                    for (int layer = 0; layer < config.nLayer(); layer++) {
                        try (LayerWeights lw = source.take(layer)) {
                            ByteBuffer want = w.map("h." + layer + ".mlp.c_fc.weight", alone);
                            assertThat(lw.buffer("mlp.c_fc.weight").mismatch(want)).as(read + " " + layer)
                                    .isEqualTo(-1);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aReadModeIsOneOfThree() {
        assertThat(LayerSource.Read.parse(" Ahead ")).isEqualTo(LayerSource.Read.AHEAD);
        assertThatThrownBy(() -> LayerSource.Read.parse("prefetch")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fault, populate or ahead");
    }
}
