package laminar.analysis;

import laminar.kernels.FisherZ;
import laminar.kernels.stats.FreedmanDiaconis;
import laminar.kernels.stats.Histogram;
import laminar.kernels.stats.NumpyLegacyRandom;

/**
 * Part 7a of the notebook: what the Fisher-z transform does to uniformly distributed correlation values. The draw
 * is numpy's legacy {@code np.random.seed(seed); np.random.uniform(-1, 1, 10_000)}, reproduced bit for bit.
 *
 * @param seed the seed
 * @param r the draws
 * @param z {@code arctanh(r)}
 * @param rCounts Freedman–Diaconis histogram (counts) of {@code r}
 * @param zCounts Freedman–Diaconis histogram (counts) of {@code z}
 */
public record Part7aIllustration(long seed, double[] r, double[] z, Distribution rCounts, Distribution zCounts) {

    /** The notebook's sample size. */
    public static final int SIZE = 10_000;

    /** The notebook's draw, seeded: uniform(-1, 1) values, their arctanh, and both count histograms. */
    static Part7aIllustration draw(long seed) {
        double[] r = new NumpyLegacyRandom(seed).uniform(-1, 1, SIZE);
        double[] z = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            // Unclipped, as np.arctanh: the draws lie in [-1, 1), so only an exact -1 (probability 2^-53) would
            // be infinite; FisherZ clips that one.
            z[i] = r[i] > -1 ? FisherZ.arctanh(r[i]) : FisherZ.of(r[i]);
        }
        return new Part7aIllustration(seed, r, z, counts(FreedmanDiaconis.histogram(r)),
                counts(FreedmanDiaconis.histogram(z)));
    }

    private static Distribution counts(Histogram h) {
        double[] c = new double[h.counts().length];
        for (int i = 0; i < c.length; i++) {
            c[i] = h.counts()[i];
        }
        return new Distribution(h.edges(), c);
    }
}
