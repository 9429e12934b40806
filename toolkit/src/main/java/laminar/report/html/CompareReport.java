package laminar.report.html;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import laminar.LaminarException;
import laminar.figures.Figures;
import laminar.figures.parts.CompareFigure;
import laminar.figures.plot.Drawing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code laminar compare}: the profiles of several runs overlaid, as figures ({@code figures/compare_<profile>},
 * PNG at 300 dpi and SVG) and one {@code report.html}, from each run's {@code results.json}.
 */
public final class CompareReport {

    private CompareReport() {
    }

    /**
     * Reads and checks the runs; bad input (fewer than two, a directory laminar did not write, a label count that
     * does not match) throws {@link LaminarException} before anything is written.
     *
     * @param labels one per run, or empty for the directories' names
     */
    public static List<ComparedRun> read(List<Path> dirs, List<String> labels) {
        if (dirs.size() < 2) {
            throw new LaminarException("compare needs at least two run directories, got " + dirs.size()
                    + "; give two or more directories written by laminar run, analyze or demo");
        }
        if (!labels.isEmpty() && labels.size() != dirs.size()) {
            throw new LaminarException("--labels has " + labels.size() + " label(s) for " + dirs.size()
                    + " run directories; give one label per run, in the same order");
        }
        List<ComparedRun> runs = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < dirs.size(); i++) {
            String label = labels.isEmpty() ? name(dirs.get(i)) : labels.get(i);
            if (!used.add(label)) {
                label = label + " (" + (i + 1) + ")";
                used.add(label);
            }
            runs.add(ComparedRun.read(label, dirs.get(i)));
        }
        return runs;
    }

    /**
     * Writes the figures and {@code report.html} into {@code dir} (a staging directory).
     *
     * @return the figures' report (a figure that fails is reported, the rest are written)
     */
    public static Figures.Report write(Path dir, List<ComparedRun> runs, boolean relative, List<String> commandLine) {
        Comparability comp = Comparability.of(runs, relative);
        String xLabel = relative ? "Relative depth" : "Transformer layer";
        Map<String, Supplier<Drawing>> figures = new LinkedHashMap<>();
        JsonArray profiles = new JsonArray();
        for (Profile p : Profile.ALL) {
            if (!comp.compares(p)) {
                continue;
            }
            List<CompareFigure.Run> figRuns = new ArrayList<>();
            JsonArray series = new JsonArray();
            for (int r = 0; r < runs.size(); r++) {
                ComparedRun run = runs.get(r);
                double[] x = run.x(relative);
                figRuns.add(new CompareFigure.Run(run.label(), x, p.values(run.results())));
                for (int c = 0; c < 3; c++) {
                    String color = ProfileSeries.QKV_COLORS[c];
                    JsonObject s = ProfileSeries.of(p, run.results(), c, run.label() + " · " + p.columns()[c],
                            r == 0 ? color : shade(color, r), x);
                    s.addProperty("dash", r % 3); // solid, dashed, dotted: runs stay apart where colours are close
                    series.add(s);
                }
            }
            figures.put("compare_" + p.key(), () -> CompareFigure.build(p.title(), xLabel, p.yLabel(), p.columns(),
                    figRuns));
            profiles.add(ProfileSeries.chart(p, xLabel, !relative, series));
        }
        Figures.Report written = Figures.write(figures, dir.resolve("figures"));
        JsonObject data = data(runs, comp, profiles, figures.keySet(), written, commandLine);
        try {
            Files.writeString(dir.resolve(RunReport.FILE),
                    HtmlPage.render(HtmlPage.Kind.COMPARE, data.get("title").getAsString(), data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    private static JsonObject data(List<ComparedRun> runs, Comparability comp, JsonArray profiles,
                                   Set<String> figureNames, Figures.Report written, List<String> commandLine) {
        JsonObject data = new JsonObject();
        data.addProperty("kind", "compare");
        data.addProperty("title", "laminar comparison: " + String.join(" vs ",
                runs.stream().map(ComparedRun::label).toList()));
        data.addProperty("subtitle", runs.size() + " runs; the legend's entries are run · Q, K, V (or pairs)");
        Notes notes = new Notes();
        comp.notes().forEach(notes::warning);
        written.failures().forEach(f -> notes.warning("Figure not written: " + f));
        data.add("notes", notes.json());
        JsonObject run = new JsonObject();
        run.addProperty("command_line", RunReport.commandLine(commandLine));
        data.add("run", run);
        JsonArray rs = new JsonArray();
        for (ComparedRun r : runs) {
            JsonObject o = new JsonObject();
            o.addProperty("label", r.label());
            o.addProperty("dir", r.dir().toString());
            o.addProperty("model", r.run("model"));
            o.addProperty("template", r.run("template"));
            o.addProperty("laminar_version", r.run("laminar_version"));
            o.addProperty("n_layers", r.layers());
            o.addProperty("n_words", r.words().size());
            o.add("categories", RunReport.strings(List.copyOf(r.categories())));
            rs.add(o);
        }
        data.add("runs", rs);
        data.add("profiles", profiles);
        JsonArray figs = new JsonArray();
        for (String name : figureNames) {
            if (!written.failed().containsKey(name)) {
                JsonObject f = new JsonObject();
                f.addProperty("name", name);
                f.addProperty("png", "figures/" + name + ".png");
                f.addProperty("svg", "figures/" + name + ".svg");
                figs.add(f);
            }
        }
        data.add("figures", figs);
        data.add("files", new JsonArray());
        return data;
    }

    /** The run's colour for a later run: the column's hue, darker per run, so Q stays red-ish across runs. */
    static String shade(String hex, int run) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        double f = Math.pow(0.6, run);
        int r = (int) (((rgb >> 16) & 0xff) * f);
        int g = (int) (((rgb >> 8) & 0xff) * f);
        int b = (int) ((rgb & 0xff) * f);
        return String.format("#%02x%02x%02x", r, g, b);
    }

    private static String name(Path dir) {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? dir.toString() : n.toString();
    }
}
