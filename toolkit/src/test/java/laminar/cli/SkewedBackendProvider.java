package laminar.cli;

import laminar.kernels.GroupMoments;
import laminar.kernels.JavaKernels;
import laminar.kernels.KernelBackend;
import laminar.kernels.KernelBackendProvider;

/**
 * A test-only backend that is wrong on purpose (cosines off by 1e-3), available only while the system property
 * {@code laminar.test.skewed} is set, so that {@code compare-backends} can be shown to fail.
 */
public final class SkewedBackendProvider implements KernelBackendProvider {

    @Override
    public String name() {
        return "skewed";
    }

    @Override
    public boolean isAvailable() {
        return Boolean.getBoolean("laminar.test.skewed");
    }

    @Override
    public KernelBackend create() {
        JavaKernels java = new JavaKernels();
        return new KernelBackend() {
            @Override
            public String name() {
                return "skewed";
            }

            @Override
            public float[] cosineMatrices(float[] rows, int m, int n, int d) {
                float[] c = java.cosineMatrices(rows, m, n, d);
                for (int i = 0; i < c.length; i++) {
                    c[i] += 1e-3f;
                }
                return c;
            }

            @Override
            public double[] pearson(float[] a, float[] b, int m, int len) {
                return java.pearson(a, b, m, len);
            }

            @Override
            public double[] rsa(float[] cos, int m, int n, int[] first, int[] second) {
                return java.rsa(cos, m, n, first, second);
            }

            @Override
            public float[] fisherZ(float[] values) {
                return java.fisherZ(values);
            }

            @Override
            public GroupMoments[] groupMoments(float[] cos, int m, int n, int[] category, boolean fisherZ) {
                return java.groupMoments(cos, m, n, category, fisherZ);
            }
        };
    }
}
