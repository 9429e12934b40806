package laminar.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link RowDots} with the JDK Vector API (256-bit double lanes); loaded only when the module is present. */
final class VectorRowDots implements RowDots {

    /** A constant SPECIES: the Vector API compiles to SIMD only for SPECIES known to the JIT as constants. */
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;

    /** As many float lanes as SPECIES has double lanes (gathered, then widened). */
    private static final VectorSpecies<Float> GATHER = FloatVector.SPECIES_128;

    private VectorRowDots() {
    }

    /** The engine for this CPU, or null when SIMD doubles are narrower than 256 bits. */
    static RowDots forThisCpu() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? new VectorRowDots() : null;
    }

    @Override
    public void dot2(double[] w, int wo, double[] x, double[] x2, int from, int to, double[] out, int o) {
        int lanes = SPECIES.length();
        DoubleVector a = DoubleVector.zero(SPECIES);
        DoubleVector b = DoubleVector.zero(SPECIES);
        int v = from;
        for (int end = to - lanes; v <= end; v += lanes) {
            DoubleVector wv = DoubleVector.fromArray(SPECIES, w, wo + v);
            a = wv.fma(DoubleVector.fromArray(SPECIES, x, v), a);
            b = wv.fma(DoubleVector.fromArray(SPECIES, x2, v), b);
        }
        double sa = sum(a);
        double sb = sum(b);
        for (; v < to; v++) {
            sa += w[wo + v] * x[v];
            sb += w[wo + v] * x2[v];
        }
        out[o] += sa;
        out[o + 1] += sb;
    }

    @Override
    public double dot(double[] w, int wo, double[] x, int from, int to) {
        int lanes = SPECIES.length();
        DoubleVector s = DoubleVector.zero(SPECIES);
        int v = from;
        for (int end = to - lanes; v <= end; v += lanes) {
            s = DoubleVector.fromArray(SPECIES, w, wo + v).fma(DoubleVector.fromArray(SPECIES, x, v), s);
        }
        double r = sum(s);
        for (; v < to; v++) {
            r += w[wo + v] * x[v];
        }
        return r;
    }

    @Override
    public void gatherDot2(float[] row, int[] idx, int io, double[] a0, double[] a1, int from, int to, double[] out,
                           int o) {
        int lanes = SPECIES.length();
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = DoubleVector.zero(SPECIES);
        int v = from;
        for (int end = to - lanes; v <= end; v += lanes) {
            DoubleVector g = (DoubleVector) FloatVector.fromArray(GATHER, row, 0, idx, io + v)
                    .convertShape(VectorOperators.F2D, SPECIES, 0);
            s0 = DoubleVector.fromArray(SPECIES, a0, v).fma(g, s0);
            if (a1 != null) {
                s1 = DoubleVector.fromArray(SPECIES, a1, v).fma(g, s1);
            }
        }
        double r0 = sum(s0);
        double r1 = sum(s1);
        for (; v < to; v++) {
            double g = row[idx[io + v]];
            r0 += a0[v] * g;
            if (a1 != null) {
                r1 += a1[v] * g;
            }
        }
        out[o] += r0;
        if (a1 != null) {
            out[o + 1] += r1;
        }
    }

    @Override
    public void dot4(double[] w, int wo, double[] x, double[] x2, double[] y, double[] y2, int from, int to,
                     double[] out, int o) {
        int lanes = SPECIES.length();
        DoubleVector a = DoubleVector.zero(SPECIES);
        DoubleVector b = DoubleVector.zero(SPECIES);
        DoubleVector c = DoubleVector.zero(SPECIES);
        DoubleVector d = DoubleVector.zero(SPECIES);
        int v = from;
        for (int end = to - lanes; v <= end; v += lanes) {
            DoubleVector wv = DoubleVector.fromArray(SPECIES, w, wo + v);
            a = wv.fma(DoubleVector.fromArray(SPECIES, x, v), a);
            b = wv.fma(DoubleVector.fromArray(SPECIES, x2, v), b);
            c = wv.fma(DoubleVector.fromArray(SPECIES, y, v), c);
            d = wv.fma(DoubleVector.fromArray(SPECIES, y2, v), d);
        }
        double sa = sum(a);
        double sb = sum(b);
        double sc = sum(c);
        double sd = sum(d);
        for (; v < to; v++) {
            double wv = w[wo + v];
            sa += wv * x[v];
            sb += wv * x2[v];
            sc += wv * y[v];
            sd += wv * y2[v];
        }
        out[o] += sa;
        out[o + 1] += sb;
        out[o + 2] += sc;
        out[o + 3] += sd;
    }

    /**
     * The lanes added in a fixed order. {@code reduceLanes(ADD)} leaves the order open: the JIT-compiled and the
     * interpreted code add differently, and a kernel's bits would depend on when it got compiled.
     */
    private static double sum(DoubleVector v) {
        return (v.lane(0) + v.lane(1)) + (v.lane(2) + v.lane(3));
    }
}
