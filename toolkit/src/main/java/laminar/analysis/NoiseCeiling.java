package laminar.analysis;

import laminar.kernels.Compare;
import laminar.kernels.KernelBackend;

/**
 * The noise ceiling of each layer × Q/K/V from the agreement of the templates' matrices, under the run's comparison
 * (Pearson, Spearman or Kendall's τa of the upper triangles), as RSA practice defines it (Nili et al. 2014,
 * rsatoolbox's {@code boot_noise_ceiling} without the bootstrap), the templates taking the place of subjects:
 * <ul>
 *   <li>three or more templates: lower bound = mean over templates of the comparison of its matrix with the mean of
 *       the other templates' matrices (leave one out); upper bound = the same with the mean of all templates' matrices,
 *       its own included;</li>
 *   <li>exactly two templates: the split half is the two templates, r = the comparison of their matrices; lower bound
 *       = r (the leave-one-out bound of two), upper bound = the Spearman–Brown correction 2r / (1 + r), the expected
 *       agreement of the two-template average with another such average.</li>
 * </ul>
 * With two templates the all-in upper bound would be the comparison of each with the mean of the two, which
 * overstates the ceiling (each template is half of the mean): Spearman–Brown is what the split half gives.
 */
final class NoiseCeiling {

    private NoiseCeiling() {
    }

    /**
     * Adds the bounds of a chunk of layers to {@code ceiling} ({@code [layer][Q, K, V][lower, upper]}).
     *
     * @param each every template's matrices of the chunk, {@code m} matrices of {@code n × n} each
     * @param sum their element-wise sum
     */
    static void add(double[][][] ceiling, int firstLayer, float[][] each, float[] sum, int m, int n,
                    KernelBackend kernels, Compare compare) {
        int t = each.length;
        int nn = n * n;
        double[] lower = new double[m];
        double[] upper = new double[m];
        if (t == 2) {
            float[] both = new float[2 * m * nn];
            System.arraycopy(each[0], 0, both, 0, m * nn);
            System.arraycopy(each[1], 0, both, m * nn, m * nn);
            double[] r = kernels.compareMatrices(both, 2 * m, n, range(0, m), range(m, m), compare);
            for (int i = 0; i < m; i++) {
                lower[i] = r[i];
                upper[i] = 2 * r[i] / (1 + r[i]);
            }
        } else {
            int[] first = new int[2 * m];
            int[] second = new int[2 * m];
            for (int i = 0; i < m; i++) {
                first[i] = i;
                second[i] = m + i;       // the mean of all
                first[m + i] = i;
                second[m + i] = 2 * m + i; // the mean of the others
            }
            float[] mats = new float[3 * m * nn];
            for (int s = 0; s < t; s++) {
                float[] mine = each[s];
                for (int j = 0; j < m * nn; j++) {
                    mats[j] = mine[j];
                    mats[m * nn + j] = sum[j] / t;
                    mats[2 * m * nn + j] = (sum[j] - mine[j]) / (t - 1);
                }
                double[] r = kernels.compareMatrices(mats, 3 * m, n, first, second, compare);
                for (int i = 0; i < m; i++) {
                    upper[i] += r[i] / t;
                    lower[i] += r[m + i] / t;
                }
            }
        }
        for (int i = 0; i < m; i++) {
            ceiling[firstLayer + i / 3][i % 3] = new double[] {lower[i], upper[i]};
        }
    }

    private static int[] range(int from, int count) {
        int[] r = new int[count];
        for (int i = 0; i < count; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
