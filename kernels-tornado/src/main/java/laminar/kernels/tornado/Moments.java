package laminar.kernels.tornado;

/**
 * Host-side finish of the device reductions: merges the per-row / per-chunk moments the kernels write, in a fixed
 * order, with the pairwise update of Chan, Golub and LeVeque. Merging centred moments (instead of adding raw sums of
 * squares) keeps the two-pass accuracy of the reference backend.
 */
final class Moments {

    private Moments() {
    }

    /** Running count, means and centred (co)moments of a pair of samples. */
    static final class Pair {
        private long count;
        private double meanX;
        private double meanY;
        private double sxx;
        private double syy;
        private double sxy;

        /** Adds a part of {@code n} values with the given means and centred sums. */
        void merge(long n, double mx, double my, double pxx, double pyy, double pxy) {
            if (n == 0) {
                return;
            }
            if (count == 0) {
                count = n;
                meanX = mx;
                meanY = my;
                sxx = pxx;
                syy = pyy;
                sxy = pxy;
                return;
            }
            long total = count + n;
            double dx = mx - meanX;
            double dy = my - meanY;
            double w = (double) count * n / total;
            sxx += pxx + dx * dx * w;
            syy += pyy + dy * dy * w;
            sxy += pxy + dx * dy * w;
            meanX += dx * n / total;
            meanY += dy * n / total;
            count = total;
        }

        /** Pearson r as np.corrcoef combines the sums; NaN for fewer than two values or a constant sample. */
        double correlation() {
            double f = count - 1.0;
            double r = (sxy / f) / Math.sqrt(sxx / f) / Math.sqrt(syy / f);
            return Double.isNaN(r) ? r : Math.max(-1.0, Math.min(1.0, r));
        }
    }

    /** Running count, mean and centred sum of squares of one sample. */
    static final class Single {
        private long count;
        private double mean;
        private double m2;

        void merge(long n, double partMean, double partM2) {
            if (n == 0) {
                return;
            }
            if (count == 0) {
                count = n;
                mean = partMean;
                m2 = partM2;
                return;
            }
            long total = count + n;
            double delta = partMean - mean;
            m2 += partM2 + delta * delta * ((double) count * n / total);
            mean += delta * n / total;
            count = total;
        }

        long count() {
            return count;
        }

        /** The mean; NaN for an empty sample (0/0, as the reference backend). */
        double mean() {
            return count == 0 ? Double.NaN : mean;
        }

        double m2() {
            return m2;
        }
    }
}
