package laminar.analysis.inference;

import java.util.stream.IntStream;

/**
 * A batch's cosine matrices minus one constant per matrix (the mean of its word pairs), and its Fisher-z values
 * shifted the same way in place: what the permutation and bootstrap kernels sum.
 *
 * <p>Why: the statistics come from one-pass sums (Σv, Σv² over within and all pairs), whose variances
 * Σv² − (Σv)²/N cancel. The kernels' float32 sums are within {@code RowDots.BOUND} ≈ 1e-6 of Σ|terms|; a strongly
 * anisotropic layer, whose cosines all sit near their mean (say 0.99 ± 0.001), loses every digit of its variance to
 * that error. Measured on such data (mean cosine 0.99994, before this shift): the inference's
 * observed t was 93 % off Part 6's, at mean 0.9994 2 %, at 0.994 0.09 %. Around the mean the terms are the spread
 * itself, so the sums keep their relative accuracy where it matters. The difference, the t and the RSA (a Pearson
 * correlation) do not change under a shift; the average gets {@link #shift} back.
 *
 * <p>The subtraction is exact (Sterbenz) for every value within a factor of 2 of the mean, and rounded once
 * otherwise (within 2^-24 of |x − mean|: the order of the cosine's own float32 rounding). Equal values stay equal,
 * so ties and constant matrices are as before.
 *
 * @param cos   {@code [m][n][n]} cosines minus their matrix's shift (a copy: the batch's own are read only)
 * @param shift per matrix, the float32 mean of its cosines' strict upper triangle that was subtracted (0 when that
 *              mean is not finite)
 */
record ShiftedMatrices(float[] cos, double[] shift) {

    /**
     * Shifts {@code cos} into {@code into} when it has the length of {@code cos} (the previous batch's copy: batches
     * have one size but the last, and a fresh array of a batch's size costs its zeroing and page faults), else into a
     * new array, and {@code z} in place, matrix by matrix ({@code m} of {@code n × n}).
     */
    static ShiftedMatrices of(float[] cos, float[] z, int m, int n, float[] into) {
        float[] xs = into != null && into.length == cos.length ? into : new float[cos.length];
        double[] shift = new double[m];
        int size = n * n;
        IntStream.range(0, m).parallel().forEach(b -> {
            float c = mean(cos, b * size, n);
            float cz = mean(z, b * size, n);
            for (int i = b * size; i < (b + 1) * size; i++) {
                xs[i] = cos[i] - c;
                z[i] -= cz;
            }
            shift[b] = c;
        });
        return new ShiftedMatrices(xs, shift);
    }

    /**
     * The mean of the strict upper triangle, summed in double (four interleaved partial sums: one chain of dependent
     * additions ran at a quarter of the speed), rounded to float; 0 when not finite or without pairs.
     */
    static float mean(float[] a, int base, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int u = 0; u < n - 1; u++) {
            int v = u + 1;
            int row = base + u * n;
            for (; v + 4 <= n; v += 4) {
                s0 += a[row + v];
                s1 += a[row + v + 1];
                s2 += a[row + v + 2];
                s3 += a[row + v + 3];
            }
            for (; v < n; v++) {
                s0 += a[row + v];
            }
        }
        float mean = (float) (((s0 + s1) + (s2 + s3)) / ((double) n * (n - 1) / 2));
        return Float.isFinite(mean) ? mean : 0f;
    }
}
