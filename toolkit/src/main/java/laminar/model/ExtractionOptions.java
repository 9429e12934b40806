package laminar.model;

/**
 * How Q/K/V are extracted, for every architecture.
 *
 * @param device      {@code cpu} or {@code cuda}
 * @param sharePrefix compute the sentences' common first tokens once ({@link ExtractionPlan})
 * @param threads     PyTorch intra-op threads (0: one per available processor)
 * @param progress    draw a progress bar over layers on stderr
 * @param qkRotary    rotary models: record Q and K after the rotary embedding (ignored by GPT-2, which has none)
 */
public record ExtractionOptions(String device, boolean sharePrefix, int threads, boolean progress, boolean qkRotary) {

    /** CPU, shared prefix, all processors, no progress bar, Q and K before the rotary embedding. */
    public static ExtractionOptions defaults() {
        return new ExtractionOptions("cpu", true, 0, false, false);
    }

    public ExtractionOptions withSharePrefix(boolean share) {
        return new ExtractionOptions(device, share, threads, progress, qkRotary);
    }

    public ExtractionOptions withProgress(boolean show) {
        return new ExtractionOptions(device, sharePrefix, threads, show, qkRotary);
    }

    public ExtractionOptions withDevice(String dev) {
        return new ExtractionOptions(dev, sharePrefix, threads, progress, qkRotary);
    }

    public ExtractionOptions withThreads(int n) {
        return new ExtractionOptions(device, sharePrefix, n, progress, qkRotary);
    }

    public ExtractionOptions withQkRotary(boolean after) {
        return new ExtractionOptions(device, sharePrefix, threads, progress, after);
    }
}
