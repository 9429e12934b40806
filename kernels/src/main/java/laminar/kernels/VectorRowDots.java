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
        double r0 = s0.reduceLanes(VectorOperators.ADD);
        double r1 = s1.reduceLanes(VectorOperators.ADD);
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
}
