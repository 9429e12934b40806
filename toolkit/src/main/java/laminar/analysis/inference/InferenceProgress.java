package laminar.analysis.inference;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * What a long inference says while it runs ({@link InferencePass}): its estimated time, from the first batch's
 * first blocks, before the work; then, after each batch but the last, how many of the family's rows are done and
 * about how long the rest takes. A short run (estimated at most {@link #ANNOUNCE_SECONDS}) says nothing.
 *
 * <p>At 2,000 words × 48 layers, 1,000 + 1,000 draws, the estimate came within 0–25 % of the time taken (it reads
 * blocks that still include the kernels' compilation), and a run takes 4–5 minutes: the progress lines say how it
 * goes in between, one per batch of layers.
 */
final class InferenceProgress {

    /** An estimated run longer than this is announced, and its progress reported. */
    static final double ANNOUNCE_SECONDS = 10;

    private final int rows;
    private final InferenceOptions options;
    private final Consumer<String> log;
    private double threshold = ANNOUNCE_SECONDS;
    private String family;
    private boolean estimated;
    private boolean talking;
    private double estimateSeconds;
    private boolean reported;

    /** @param rows the family's rows (layers, or layers × heads) */
    InferenceProgress(int rows, InferenceOptions options, Consumer<String> log) {
        this.rows = rows;
        this.options = options;
        this.log = log;
    }

    /** The shortest estimated run that is announced, in seconds (default {@link #ANNOUNCE_SECONDS}). */
    void threshold(double seconds) {
        this.threshold = seconds;
    }

    /** Names the rows in the messages (e.g. "12 layers x 4 heads"); by default they are layers. */
    void describing(String what) {
        this.family = what;
    }

    /** Whether the estimate has been made (the first batch's blocks are timed once). */
    boolean estimated() {
        return estimated;
    }

    /**
     * The estimate from the first batch: its seconds per block of permutations and of resamples.
     *
     * @param layers the first batch's rows
     */
    void estimate(int layers, double permBlock, double bootBlock) {
        if (estimated) {
            return;
        }
        estimated = true;
        double batches = (double) rows / layers;
        double blocksP = Math.ceil(options.permutations() / (double) InferencePass.BLOCK);
        double blocksB = Math.ceil(options.bootstrap() / (double) InferencePass.BLOCK);
        double seconds = batches * (permBlock * blocksP + bootBlock * blocksB);
        estimateSeconds = seconds;
        talking = seconds > threshold;
        if (talking) {
            log.accept(String.format(Locale.ROOT, "laminar: inference (%d permutations, %d bootstrap resamples, %s)"
                    + " will take about %.0f s (estimated from the first blocks)", options.permutations(),
                    options.bootstrap(), family == null ? rows + " layers" : family, seconds));
        }
    }

    /**
     * A batch is done: {@code done} rows in {@code seconds} so far. Reported when the run was announced and rows
     * are left: after the first batch the estimate less the time taken (the first batch's pace includes compiling
     * the kernels: at 2,000 words it was 1.4× a later batch's), then the pace so far.
     */
    void batchDone(int done, double seconds) {
        if (!talking || done >= rows || done <= 0) {
            return;
        }
        double left = reported ? seconds / done * (rows - done) : Math.max(0, estimateSeconds - seconds);
        reported = true;
        log.accept(String.format(Locale.ROOT, "laminar: inference: %d of %d %s done in %.0f s, about %.0f s left",
                done, rows, family == null ? "layers" : "rows (" + family + ")", seconds, left));
    }
}
