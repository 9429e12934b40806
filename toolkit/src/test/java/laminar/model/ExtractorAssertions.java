package laminar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The activation tolerance: max |a - b| over a layer's Q, K or V, relative to that array's max |b|. */
final class ExtractorAssertions {

    /**
     * 2e-4: float32 carries ~7 digits; a forward of a few layers accumulates rounding of order 1e-6 relative to
     * the activation scale (reordered sums in matmul and softmax, fused vs separate bias add); 2e-4 leaves two
     * orders of magnitude of margin while still catching any real error (a wrong mask, scale or eps moves values
     * by percent).
     */
    static final double TOLERANCE = 2e-4;

    private ExtractorAssertions() {
    }

    /** The worst, over layers and Q/K/V, of max |a - b| / max |b|. */
    static double relativeError(Activations a, Activations b) {
        assertEquals(b.nLayers(), a.nLayers());
        assertEquals(b.columns(), a.columns());
        assertEquals(b.nWords(), a.nWords());
        double worst = 0;
        for (int l = 0; l < b.nLayers(); l++) {
            for (Qkv k : Qkv.values()) {
                float[] x = a.all(l, k);
                float[] y = b.all(l, k);
                double diff = 0;
                double scale = 0;
                for (int i = 0; i < y.length; i++) {
                    diff = Math.max(diff, Math.abs(x[i] - y[i]));
                    scale = Math.max(scale, Math.abs(y[i]));
                }
                worst = Math.max(worst, scale == 0 ? diff : diff / scale);
            }
        }
        return worst;
    }
}
