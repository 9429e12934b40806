package laminar.report;

import laminar.analysis.inference.Inference;
import laminar.analysis.inference.Statistic;
import laminar.analysis.inference.StatisticInference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code inference.csv}, long form: {@code layer, matrix, statistic, observed, p, p_fwer, q_fdr, ci_low, ci_high,
 * se}, one row per layer × matrix (Q, K, V; QK, QV, KV for the RSA) × statistic. NaN where not computed.
 */
public final class InferenceCsv {

    private InferenceCsv() {
    }

    /** Writes {@code inference.csv} into {@code dir}. */
    public static void write(Inference inf, Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("layer,matrix,statistic,observed,p,p_fwer,q_fdr,ci_low,ci_high,se");
        for (Statistic s : Statistic.values()) {
            StatisticInference si = inf.of(s);
            String[] columns = s.columns();
            for (int l = 0; l < si.observed().length; l++) {
                for (int k = 0; k < 3; k++) {
                    lines.add(l + "," + columns[k] + "," + s.key() + "," + si.observed()[l][k] + "," + si.p()[l][k]
                            + "," + si.pFwer()[l][k] + "," + si.qFdr()[l][k] + "," + si.ci95()[l][k][0] + ","
                            + si.ci95()[l][k][1] + "," + si.se()[l][k]);
                }
            }
        }
        Files.write(dir.resolve("inference.csv"), lines);
    }
}
