package laminar.report;

import com.google.gson.JsonObject;
import laminar.analysis.MeasureResults;
import laminar.model.Qkv;

/**
 * results.json's keys for the RSA choices and what laminar adds beside the notebook's parts: {@code measure,
 * standardize, compare} (command-line spellings), {@code category_fit[L][Q, K, V]}, {@code cka[L][QK, QV, KV]},
 * {@code cka_layers {q, k, v: [L][L]}}. Undefined values are null.
 */
final class MeasuresJson {

    private MeasuresJson() {
    }

    static void addTo(JsonObject root, MeasureResults m) {
        if (m == null) {
            return;
        }
        root.addProperty("measure", m.options().measure().label());
        root.addProperty("standardize", m.options().standardize().label());
        root.addProperty("compare", m.options().compare().label());
        root.add("category_fit", ResultsJson.matrix(m.categoryFit()));
        if (m.cka() == null) { // --no-cka
            root.add("cka", com.google.gson.JsonNull.INSTANCE);
            root.add("cka_layers", com.google.gson.JsonNull.INSTANCE);
            return;
        }
        root.add("cka", ResultsJson.matrix(m.cka()));
        JsonObject layers = new JsonObject();
        for (Qkv k : Qkv.values()) {
            layers.add(k.key(), ResultsJson.matrix(m.ckaLayers()[k.ordinal()]));
        }
        root.add("cka_layers", layers);
    }
}
