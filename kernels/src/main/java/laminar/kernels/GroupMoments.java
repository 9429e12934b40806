package laminar.kernels;

/**
 * Moments of the within-category and across-category similarity values of one matrix's upper triangle.
 *
 * @param withinCount number of within-category pairs
 * @param withinMean mean of the within-category values
 * @param withinM2 sum of squared deviations from {@code withinMean}
 * @param acrossCount number of across-category pairs
 * @param acrossMean mean of the across-category values
 * @param acrossM2 sum of squared deviations from {@code acrossMean}
 */
public record GroupMoments(long withinCount, double withinMean, double withinM2,
                           long acrossCount, double acrossMean, double acrossM2) {
}
