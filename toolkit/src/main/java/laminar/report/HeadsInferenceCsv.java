package laminar.report;

import laminar.analysis.inference.HeadInference;
import laminar.analysis.inference.Statistic;
import laminar.analysis.inference.StatisticInference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code heads_inference.csv} ({@code --per-head} with inference), long form: {@code layer, head, matrix,
 * statistic, observed, p, p_fwer, q_fdr, ci_low, ci_high}, one row per layer × head × matrix (Q, K, V; QK, QV, KV
 * for the RSA) × statistic; p_fwer and q_fdr over the family layers × heads × 3. NaN where not computed.
 */
public final class HeadsInferenceCsv {

    /** The file's name. */
    public static final String NAME = "heads_inference.csv";

    private HeadsInferenceCsv() {
    }

    /** Writes {@link #NAME} into {@code dir}. */
    public static void write(HeadInference inf, Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("layer,head,matrix,statistic,observed,p,p_fwer,q_fdr,ci_low,ci_high");
        for (Statistic s : HeadInference.STATISTICS) {
            StatisticInference si = inf.of(s);
            String[] columns = s.columns();
            for (int l = 0; l < inf.layers(); l++) {
                for (int h = 0; h < inf.heads(); h++) {
                    int row = l * inf.heads() + h;
                    for (int k = 0; k < 3; k++) {
                        lines.add(l + "," + h + "," + columns[k] + "," + s.key() + "," + si.observed()[row][k] + ","
                                + si.p()[row][k] + "," + si.pFwer()[row][k] + "," + si.qFdr()[row][k] + ","
                                + si.ci95()[row][k][0] + "," + si.ci95()[row][k][1]);
                    }
                }
            }
        }
        Files.write(dir.resolve(NAME), lines);
    }
}
