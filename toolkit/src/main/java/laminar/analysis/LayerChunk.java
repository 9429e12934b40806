package laminar.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of consecutive layers processed in one kernel call. Batching all layers lets a GPU backend pay its
 * dispatch cost once (at 34 words it dominates); splitting keeps large word lists within memory.
 */
record LayerChunk(int first, int size) {

    /**
     * Largest batch a kernel call gets, in floats (256 MiB of float32 input; the cosine output is as large again).
     * All 48 layers of GPT-2 XL stay one batch up to ~290 words; at 2,000 words a batch is 5 layers. 1 GiB batches
     * (22 layers there) held ~1.9 GB of copies on top of the activations and drove the default heap into repeated
     * full collections (BENCHMARKS.md, analysis at scale).
     */
    static final long MAX_FLOATS = 1L << 26;

    /** Splits {@code layers} into chunks whose input, {@code floatsPerLayer} each, stays under {@link #MAX_FLOATS}. */
    static List<LayerChunk> split(int layers, long floatsPerLayer) {
        return split(layers, floatsPerLayer, 1);
    }

    /**
     * {@link #split(int, long)} with chunks of a multiple of {@code multiple} layers where the memory allows more than
     * {@code multiple} (the size rounded down; the last chunk takes what is left).
     */
    static List<LayerChunk> split(int layers, long floatsPerLayer, int multiple) {
        int per = (int) Math.max(1, Math.min(layers, MAX_FLOATS / Math.max(1, floatsPerLayer)));
        if (multiple > 1 && per > multiple && per < layers) {
            per -= per % multiple;
        }
        List<LayerChunk> chunks = new ArrayList<>();
        for (int first = 0; first < layers; first += per) {
            chunks.add(new LayerChunk(first, Math.min(per, layers - first)));
        }
        return chunks;
    }
}
