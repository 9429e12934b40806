package laminar.model;

import laminar.LaminarException;
import laminar.model.io.TensorRef;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Hands out the blocks' weights in order, each mapped by {@link LayerWeights}, read in the way {@link Read} says.
 * With {@link Read#AHEAD} block {@code l + 1} is mapped and read in on a daemon thread while block {@code l}
 * computes, so at most two blocks' weights are resident at a time.
 */
final class LayerSource implements AutoCloseable {

    /** How a block's weight pages get into memory (measured against each other in BENCHMARKS.md). */
    enum Read {
        /** first touches during the compute (one page fault per 4–64 KiB) */
        FAULT,
        /** {@code MADV_POPULATE_READ} on the compute thread just before the block computes */
        POPULATE,
        /** {@code MADV_POPULATE_READ} of the next block on a background thread while this one computes */
        AHEAD;

        /** {@code fault}, {@code populate} or {@code ahead} (case-insensitive). */
        static Read parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("laminar.weights.read=" + s + ": use fault, populate or ahead");
            }
        }

        /** System property {@code laminar.weights.read} ({@code ahead} when unset; see BENCHMARKS.md's A/B). */
        static Read fromProperty() {
            try {
                return parse(System.getProperty("laminar.weights.read", "ahead"));
            } catch (IllegalArgumentException e) {
                throw new LaminarException(e.getMessage());
            }
        }
    }

    private final TensorRef.Lookup weights;
    private final int layers;
    private final IntFunction<String> prefix;
    private final IntFunction<List<String>> names;
    private final Read read;
    private final ExecutorService background;
    private Future<LayerWeights> next;
    private int nextLayer = -1;

    /**
     * @param layers number of blocks; {@link #take} must be called for 0, 1, … in order
     * @param prefix the prefix of block {@code l}'s tensor names (e.g. {@code h.3.})
     * @param names the tensor names (relative to the prefix) block {@code l} needs
     */
    LayerSource(TensorRef.Lookup weights, int layers, IntFunction<String> prefix, IntFunction<List<String>> names,
                Read read) {
        this.weights = weights;
        this.layers = layers;
        this.prefix = prefix;
        this.names = names;
        this.read = read;
        this.background = read == Read.AHEAD && layers > 1 ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "laminar-weights-ahead");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Block {@code layer}'s weights (the caller closes them); starts reading the next block when reading ahead. */
    LayerWeights take(int layer) {
        LayerWeights current;
        if (next != null && nextLayer == layer) {
            current = join(next);
            next = null;
        } else {
            current = LayerWeights.map(weights, prefix.apply(layer), names.apply(layer), read != Read.FAULT);
        }
        if (background != null && layer + 1 < layers) {
            int ahead = layer + 1;
            nextLayer = ahead;
            next = background.submit(() -> LayerWeights.map(weights, prefix.apply(ahead), names.apply(ahead), true));
        }
        return current;
    }

    private static LayerWeights join(Future<LayerWeights> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while mapping weights", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Unmaps a block read ahead but not taken (an error stopped the forward) and stops the thread. */
    @Override
    public void close() {
        try {
            if (next != null) {
                join(next).close();
                next = null;
            }
        } finally {
            if (background != null) {
                background.shutdownNow();
            }
        }
    }
}
