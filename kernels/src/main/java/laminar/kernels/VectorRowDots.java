package laminar.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link RowDots} with the JDK Vector API (256-bit double lanes); loaded only when the module is present. */
final class VectorRowDots implements RowDots {

    /** A constant SPECIES: the Vector API compiles to SIMD only for SPECIES known to the JIT as constants. */
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;

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
        double sa = a.reduceLanes(VectorOperators.ADD);
        double sb = b.reduceLanes(VectorOperators.ADD);
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
        double r = s.reduceLanes(VectorOperators.ADD);
        for (; v < to; v++) {
            r += w[wo + v] * x[v];
        }
        return r;
    }
}
