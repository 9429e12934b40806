package laminar.report.html;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.kernels.KernelBackend;
import laminar.model.Activations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code report.html} of a run: one self-contained page built from the run's {@code results.json} (the same
 * numbers the CSV tables and figures show), every layer's similarity matrices, the figures and the files beside it.
 *
 * <pre>{@code
 * RunReport.write(stagingDir, acts, kernels, List.of("run", "--model", "gpt2"));  // after results.json is written
 * }</pre>
 */
public final class RunReport {

    /** The report's file name in a run directory. */
    public static final String FILE = "report.html";

    private RunReport() {
    }

    /**
     * Writes {@code dir/report.html} from {@code dir/results.json} (which must already be there), the
     * activations' similarity matrices and the figures and tables found in {@code dir}.
     *
     * @param commandLine laminar's arguments, shown as the run's command line
     * @return the report's path
     */
    public static Path write(Path dir, Activations acts, KernelBackend kernels, List<String> commandLine) {
        return write(dir, null, acts, kernels, commandLine);
    }

    /**
     * As {@link #write(Path, Activations, KernelBackend, List)}, with the layer matrices the analysis pass showed to
     * {@code fromPass} (no second computation); null, or not every layer seen, computes them from {@code acts}.
     */
    public static Path write(Path dir, LayerMatrices fromPass, Activations acts, KernelBackend kernels,
                             List<String> commandLine) {
        try {
            JsonObject results = readResults(dir.resolve("results.json"));
            JsonObject matrices = fromPass != null && fromPass.complete() ? fromPass.json()
                    : LayerMatrices.compute(acts, kernels, results.get("layer").getAsInt());
            JsonObject data = RunPageData.build(results, dir, matrices, commandLine);
            Path file = dir.resolve(FILE);
            Files.writeString(file, HtmlPage.render(HtmlPage.Kind.RUN, data.get("title").getAsString(), data));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * results.json without {@code layer_detail}, which the page does not show: up to 1,000 words it holds the chosen
     * layer's three n × n matrices as JSON numbers (91 MB at 1,000 words), and building them as a tree was most of the
     * report's time there (BENCHMARKS.md, "Analysis at scale").
     */
    static JsonObject readResults(Path file) throws IOException {
        JsonObject out = new JsonObject();
        try (com.google.gson.stream.JsonReader in = new com.google.gson.stream.JsonReader(
                Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8))) {
            in.beginObject();
            while (in.hasNext()) {
                String name = in.nextName();
                if (name.equals("layer_detail")) {
                    in.skipValue();
                } else {
                    out.add(name, JsonParser.parseReader(in));
                }
            }
            in.endObject();
        }
        return out;
    }

    /**
     * {@link #write}, but a report that cannot be made never costs the run its results: the reason is returned
     * (null when written) for the log, like a figure that fails.
     */
    public static String writeOrReason(Path dir, Activations acts, KernelBackend kernels, List<String> commandLine) {
        return writeOrReason(dir, null, acts, kernels, commandLine);
    }

    /** {@link #writeOrReason(Path, Activations, KernelBackend, List)} with the pass's matrices, see {@link #write}. */
    public static String writeOrReason(Path dir, LayerMatrices fromPass, Activations acts, KernelBackend kernels,
                                       List<String> commandLine) {
        try {
            write(dir, fromPass, acts, kernels, commandLine);
            return null;
        } catch (RuntimeException | OutOfMemoryError e) {
            try {
                Files.deleteIfExists(dir.resolve(FILE));
            } catch (IOException ignored) {
                // the reason below is what gets reported
            }
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    /** The command line as one shell-quoted line: {@code laminar run --words 'my words.tsv'}. */
    static String commandLine(List<String> args) {
        StringBuilder sb = new StringBuilder("laminar");
        for (String a : args) {
            sb.append(' ').append(a.matches("[A-Za-z0-9_./=:,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    static JsonArray strings(List<String> list) {
        JsonArray a = new JsonArray();
        list.forEach(a::add);
        return a;
    }
}
