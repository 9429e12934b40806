package laminar.report;

import com.google.gson.JsonObject;
import laminar.analysis.inference.Inference;
import laminar.analysis.inference.Statistic;
import laminar.analysis.inference.StatisticInference;

/**
 * results.json's {@code inference} block: {@code permutations, bootstrap, seed, alternative}, then per statistic
 * ({@code selectivity_diff, selectivity_t, selectivity_fisher_z_t, rsa, selectivity_average}) the arrays
 * {@code observed[L][3], p[L][3], p_fwer[L][3], q_fdr[L][3], ci95[L][3][2], se[L][3]} (for {@code rsa} the 3 are
 * QK, QV, KV; {@code selectivity_average} has intervals only, its p arrays are null). Undefined values are null.
 */
final class InferenceJson {

    private InferenceJson() {
    }

    static JsonObject of(Inference inf) {
        JsonObject o = new JsonObject();
        o.addProperty("permutations", inf.permutations());
        o.addProperty("bootstrap", inf.bootstrap());
        o.addProperty("seed", inf.seed());
        o.addProperty("alternative", inf.alternative().label());
        for (Statistic s : Statistic.values()) {
            StatisticInference si = inf.of(s);
            JsonObject block = new JsonObject();
            block.add("observed", ResultsJson.matrix(si.observed()));
            block.add("p", ResultsJson.matrix(si.p()));
            block.add("p_fwer", ResultsJson.matrix(si.pFwer()));
            block.add("q_fdr", ResultsJson.matrix(si.qFdr()));
            block.add("ci95", ResultsJson.cube(si.ci95()));
            block.add("se", ResultsJson.matrix(si.se()));
            o.add(s.key(), block);
        }
        return o;
    }
}
