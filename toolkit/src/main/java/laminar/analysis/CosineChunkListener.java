package laminar.analysis;

/**
 * Sees each batch of cosine matrices while the laminar pass holds it, so that more work on the matrices (e.g. the
 * permutation tests and bootstrap of {@code laminar.analysis.inference}) needs neither a second computation nor
 * memory for all layers at once.
 */
@FunctionalInterface
public interface CosineChunkListener {

    /**
     * @param firstLayer the first layer of the batch
     * @param layers how many consecutive layers the batch holds
     * @param cos {@code [layers][Q, K, V][n][n]} cosine similarities at the last token (read only; valid only
     *            during the call)
     */
    void accept(int firstLayer, int layers, float[] cos);

    /**
     * Batches of a multiple of this many layers suit this listener best (the pass rounds its memory-sized batches
     * down to a multiple when they hold more); 1 by default.
     */
    default int layerMultiple() {
        return 1;
    }

    /** Both listeners, {@code first} first; either may be null (then the other, or null for none). */
    static CosineChunkListener both(CosineChunkListener first, CosineChunkListener second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return new CosineChunkListener() {
            @Override
            public void accept(int firstLayer, int layers, float[] cos) {
                first.accept(firstLayer, layers, cos);
                second.accept(firstLayer, layers, cos);
            }

            @Override
            public int layerMultiple() {
                return Math.max(first.layerMultiple(), second.layerMultiple());
            }
        };
    }
}
