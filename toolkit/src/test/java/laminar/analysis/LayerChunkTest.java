package laminar.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LayerChunk#split}: memory-sized batches, rounded down to a listener's multiple where they hold more. */
class LayerChunkTest {

    /** Floats per layer that let 5 layers into a batch (2,000 words × 1,600 × Q, K, V with their n × n matrices). */
    private static final long FIVE = LayerChunk.MAX_FLOATS / 5;

    @Test
    void batchesAreSizedByMemory() {
        assertThat(LayerChunk.split(48, FIVE)).hasSize(10).startsWith(new LayerChunk(0, 5))
                .endsWith(new LayerChunk(45, 3));
    }

    @Test
    void aMultipleRoundsTheBatchesDown() {
        List<LayerChunk> chunks = LayerChunk.split(48, FIVE, 4);
        assertThat(chunks).hasSize(12).allMatch(c -> c.size() == 4);
        assertThat(chunks.get(11)).isEqualTo(new LayerChunk(44, 4));
        assertThat(LayerChunk.split(10, FIVE, 4)).containsExactly(new LayerChunk(0, 4), new LayerChunk(4, 4),
                new LayerChunk(8, 2));
    }

    @Test
    void aMultipleNeverGrowsABatchOrSplitsOneThatHoldsEverything() {
        // memory allows 3: under the multiple, kept; all 6 layers fit: one batch, not 4 + 2
        assertThat(LayerChunk.split(9, LayerChunk.MAX_FLOATS / 3, 4)).allMatch(c -> c.size() == 3);
        assertThat(LayerChunk.split(6, FIVE / 4, 4)).containsExactly(new LayerChunk(0, 6));
        assertThat(LayerChunk.split(6, FIVE, 1)).containsExactly(new LayerChunk(0, 5), new LayerChunk(5, 1));
    }
}
