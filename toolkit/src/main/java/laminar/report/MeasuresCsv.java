package laminar.report;

import laminar.analysis.MeasureResults;
import laminar.model.Qkv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The category-model fit and CKA as CSV, in {@link CsvTables}' format (one row per layer, the layer first):
 * {@code category_fit.csv} (layer, Q, K, V), {@code cka.csv} (layer, QK, QV, KV) and {@code cka_layers_q.csv},
 * {@code _k}, {@code _v} (layer, then one column per layer).
 */
public final class MeasuresCsv {

    private MeasuresCsv() {
    }

    /** Writes the tables into {@code dir}; nothing when {@code m} is null. */
    public static void write(MeasureResults m, Path dir) throws IOException {
        if (m == null) {
            return;
        }
        Files.write(dir.resolve("category_fit.csv"), CsvTables.pairTable(new String[] {"Q", "K", "V"},
                m.categoryFit()));
        if (m.cka() == null) { // --no-cka
            return;
        }
        Files.write(dir.resolve("cka.csv"), CsvTables.pairTable(new String[] {"QK", "QV", "KV"}, m.cka()));
        for (Qkv k : Qkv.values()) {
            double[][] map = m.ckaLayers()[k.ordinal()];
            String[] header = new String[map.length];
            for (int l = 0; l < map.length; l++) {
                header[l] = "layer_" + l;
            }
            Files.write(dir.resolve("cka_layers_" + k.key() + ".csv"), CsvTables.pairTable(header, map));
        }
    }
}
