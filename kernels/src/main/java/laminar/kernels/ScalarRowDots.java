package laminar.kernels;

/** {@link RowDots} in plain Java: four partial sums per product, combined at the end. */
final class ScalarRowDots implements RowDots {

    @Override
    public void dot2(double[] w, int wo, double[] x, double[] x2, int from, int to, double[] out, int o) {
        double a0 = 0;
        double a1 = 0;
        double b0 = 0;
        double b1 = 0;
        int v = from;
        for (; v + 1 < to; v += 2) {
            double w0 = w[wo + v];
            double w1 = w[wo + v + 1];
            a0 += w0 * x[v];
            b0 += w0 * x2[v];
            a1 += w1 * x[v + 1];
            b1 += w1 * x2[v + 1];
        }
        if (v < to) {
            a0 += w[wo + v] * x[v];
            b0 += w[wo + v] * x2[v];
        }
        out[o] += a0 + a1;
        out[o + 1] += b0 + b1;
    }

    @Override
    public double dot(double[] w, int wo, double[] x, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        int v = from;
        for (; v + 1 < to; v += 2) {
            s0 += w[wo + v] * x[v];
            s1 += w[wo + v + 1] * x[v + 1];
        }
        if (v < to) {
            s0 += w[wo + v] * x[v];
        }
        return s0 + s1;
    }

    @Override
    public void gatherDot2(float[] row, int[] idx, int io, double[] a0, double[] a1, int from, int to, double[] out,
                           int o) {
        double s0 = 0;
        double s1 = 0;
        for (int v = from; v < to; v++) {
            double g = row[idx[io + v]];
            s0 += a0[v] * g;
            if (a1 != null) {
                s1 += a1[v] * g;
            }
        }
        out[o] += s0;
        if (a1 != null) {
            out[o + 1] += s1;
        }
    }

    @Override
    public void dot4(double[] w, int wo, double[] x, double[] x2, double[] y, double[] y2, int from, int to,
                     double[] out, int o) {
        dot2(w, wo, x, x2, from, to, out, o);
        dot2(w, wo, y, y2, from, to, out, o + 2);
    }
}
