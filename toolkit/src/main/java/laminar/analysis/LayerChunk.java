package laminar.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of consecutive layers processed in one kernel call. Batching all layers lets a GPU backend pay its
 * dispatch cost once (at 34 words it dominates); splitting keeps large word lists within memory.
 */
record LayerChunk(int first, int size) {

    /** Largest batch a kernel call gets, in floats (1 GiB of float32 input). */
    static final long MAX_FLOATS = 1L << 28;

    /** Splits {@code layers} into chunks whose input, {@code floatsPerLayer} each, stays under {@link #MAX_FLOATS}. */
    static List<LayerChunk> split(int layers, long floatsPerLayer) {
        int per = (int) Math.max(1, Math.min(layers, MAX_FLOATS / Math.max(1, floatsPerLayer)));
        List<LayerChunk> chunks = new ArrayList<>();
        for (int first = 0; first < layers; first += per) {
            chunks.add(new LayerChunk(first, Math.min(per, layers - first)));
        }
        return chunks;
    }
}
