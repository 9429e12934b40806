package laminar.report;

import laminar.analysis.LaminarResults;
import laminar.analysis.Part6LaminarSelectivity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The laminar tables as CSV for pandas/R users: one row per layer, the layer first, headed columns.
 * <ul>
 *   <li>{@code qkv_correlation.csv}: layer, QK, QV, KV (Part 2b)</li>
 *   <li>{@code rsa.csv}: layer, QK, QV, KV (Part 4)</li>
 *   <li>{@code selectivity.csv}, {@code selectivity_fisher_z.csv}: layer, then difference, t and average for each
 *       of Q, K, V (Parts 6 and 7b)</li>
 * </ul>
 * Numbers are written with full double precision ({@link Double#toString}); NaN as {@code NaN}.
 */
public final class CsvTables {

    private CsvTables() {
    }

    /** Writes the four tables into {@code dir}. */
    public static void write(LaminarResults results, Path dir) throws IOException {
        String[] pairs = {"QK", "QV", "KV"};
        Files.write(dir.resolve("qkv_correlation.csv"), pairTable(pairs, results.part2().byLayer()));
        Files.write(dir.resolve("rsa.csv"), pairTable(pairs, results.part4().rsa()));
        Files.write(dir.resolve("selectivity.csv"), selectivityTable(results.part6()));
        Files.write(dir.resolve("selectivity_fisher_z.csv"), selectivityTable(results.part7().selectivity()));
    }

    static List<String> pairTable(String[] header, double[][] rows) {
        List<String> lines = new ArrayList<>();
        lines.add("layer," + String.join(",", header));
        for (int l = 0; l < rows.length; l++) {
            lines.add(row(l, rows[l]));
        }
        return lines;
    }

    private static List<String> selectivityTable(Part6LaminarSelectivity s) {
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("layer");
        for (String m : new String[] {"Q", "K", "V"}) {
            header.append(',').append(m).append("_difference,").append(m).append("_t,").append(m).append("_average");
        }
        lines.add(header.toString());
        double[][][] v = s.values();
        for (int l = 0; l < v.length; l++) {
            double[] flat = new double[9];
            for (int k = 0; k < 3; k++) {
                System.arraycopy(v[l][k], 0, flat, 3 * k, 3);
            }
            lines.add(row(l, flat));
        }
        return lines;
    }

    private static String row(int layer, double[] values) {
        StringBuilder sb = new StringBuilder(Integer.toString(layer));
        for (double x : values) {
            sb.append(',').append(x);
        }
        return sb.toString();
    }
}
