package laminar.report.html;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import laminar.figures.Figures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The data of a run's page: {@code {kind, title, subtitle, notes, run, words, profiles, matrices, figures, files}},
 * everything taken from results.json and the files in the run directory (links are relative to it).
 */
final class RunPageData {

    private RunPageData() {
    }

    static JsonObject build(JsonObject results, Path dir, JsonObject matrices, List<String> commandLine)
            throws IOException {
        JsonObject run = results.getAsJsonObject("run");
        JsonObject data = new JsonObject();
        data.addProperty("kind", "run");
        String model = run.get("model").getAsString();
        data.addProperty("title", "laminar report: " + Path.of(model).getFileName());
        JsonArray words = words(results.getAsJsonArray("words"));
        int layers = results.get("n_layers").getAsInt();
        data.addProperty("subtitle", words.size() + " words, " + layers + " layers, layer " + results.get("layer")
                + " in detail");
        Notes notes = new Notes();
        data.add("run", runInfo(results, run, commandLine));
        data.add("words", words);
        data.add("profiles", profiles(results, layers, notes));
        data.add("matrices", matrices);
        data.add("figures", figures(dir, notes));
        data.add("files", files(dir));
        notes.multiToken(words);
        notes.undefined(results);
        data.add("notes", notes.json());
        return data;
    }

    private static JsonObject runInfo(JsonObject results, JsonObject run, List<String> commandLine) {
        JsonObject o = new JsonObject();
        o.addProperty("command_line", RunReport.commandLine(commandLine));
        o.add("model", run.get("model"));
        o.add("template", run.get("template"));
        o.add("model_config", run.get("model_config"));
        o.add("seconds", run.get("seconds"));
        o.add("n_layers", results.get("n_layers"));
        JsonObject options = new JsonObject();
        options.add("layer", results.get("layer"));
        options.add("correlation_position", results.get("correlation_position"));
        options.add("seed", results.getAsJsonObject("fisher_z_illustration").get("seed"));
        options.add("backend", run.get("backend"));
        o.add("options", options);
        JsonObject versions = new JsonObject();
        versions.add("laminar", run.get("laminar_version"));
        versions.addProperty("java", System.getProperty("java.version"));
        versions.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        o.add("versions", versions);
        return o;
    }

    /**
     * The words with their sentences' token ids, flagged {@code multi_token} when the sentence is longer than the
     * shortest one: with one template, the extra tokens are the word's.
     */
    static JsonArray words(JsonArray in) {
        int shortest = Integer.MAX_VALUE;
        for (JsonElement e : in) {
            shortest = Math.min(shortest, e.getAsJsonObject().getAsJsonArray("tokens").size());
        }
        JsonArray out = new JsonArray();
        for (JsonElement e : in) {
            JsonObject w = e.getAsJsonObject().deepCopy();
            w.addProperty("multi_token", w.getAsJsonArray("tokens").size() > shortest);
            out.add(w);
        }
        return out;
    }

    private static JsonArray profiles(JsonObject results, int layers, Notes notes) {
        double[] x = new double[layers];
        for (int l = 0; l < layers; l++) {
            x[l] = l;
        }
        JsonArray out = new JsonArray();
        boolean inference = false;
        for (Profile p : Profile.ALL) {
            JsonArray series = new JsonArray();
            String[] cols = p.columns();
            for (int c = 0; c < 3; c++) {
                series.add(ProfileSeries.of(p, results, c, cols[c], ProfileSeries.QKV_COLORS[c], x));
            }
            inference |= p.inference(results) != null;
            out.add(ProfileSeries.chart(p, "Transformer layer", true, series));
        }
        notes.info(inference ? "Shaded bands: 95% bootstrap intervals; diamonds: p_FWER <= 0.05 (inference block)."
                : "No inference block in results.json: profiles are shown without intervals or significance.");
        return out;
    }

    private static JsonArray figures(Path dir, Notes notes) {
        JsonArray out = new JsonArray();
        Path figures = dir.resolve("figures");
        if (!Files.isDirectory(figures)) {
            notes.info("No figures in this run (--no-figures).");
            return out;
        }
        java.util.List<String> names = new java.util.ArrayList<>(Figures.NAMES);
        // the measures', the inference's and the per-head figures, where the run wrote them
        for (List<String> extra : List.of(laminar.figures.parts.MeasureFigures.NAMES,
                laminar.figures.parts.InferenceFigures.NAMES, laminar.figures.parts.HeadsFigures.NAMES)) {
            for (String name : extra) {
                if (Files.isRegularFile(figures.resolve(name + ".png"))) {
                    names.add(name);
                }
            }
        }
        for (String name : names) {
            boolean png = Files.isRegularFile(figures.resolve(name + ".png"));
            if (!png) {
                notes.warning("Figure " + name + " was not written (see the run's log).");
                continue;
            }
            JsonObject f = new JsonObject();
            f.addProperty("name", name);
            f.addProperty("png", "figures/" + name + ".png");
            if (Files.isRegularFile(figures.resolve(name + ".svg"))) {
                f.addProperty("svg", "figures/" + name + ".svg");
            }
            out.add(f);
        }
        return out;
    }

    /** The tables and data files beside the report (CSV, JSON, safetensors), by name. */
    static JsonArray files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return RunReport.strings(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".csv") || f.endsWith(".json") || f.endsWith(".safetensors"))
                    .sorted().toList());
        }
    }
}
