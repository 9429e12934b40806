package laminar.cli;

import laminar.analysis.LaminarAnalysis;
import laminar.analysis.LaminarResults;
import laminar.figures.Figures;
import laminar.kernels.Backends;
import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.model.ActivationsFile;
import laminar.model.TokenPosition;
import laminar.report.CsvTables;
import laminar.report.OutputDirectory;
import laminar.report.ResultsJson;
import laminar.report.RunMetadata;
import laminar.report.html.RunReport;
import laminar.stimuli.WordList;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one-way data flow of a run: activations → kernels → analyses → results and figures, written into an
 * atomically committed output directory.
 */
final class Pipeline {

    private final PrintStream log;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    Pipeline(PrintStream log) {
        this.log = log;
    }

    /** Times one stage. */
    <T> T stage(String name, Supplier<T> work) {
        long t0 = System.nanoTime();
        T result = work.get();
        seconds.merge(name, (System.nanoTime() - t0) / 1e9, Double::sum);
        return result;
    }

    static KernelBackend backend(String name) {
        try {
            return name == null ? Backends.preferred() : Backends.get(name);
        } catch (IllegalArgumentException e) {
            throw new laminar.LaminarException(e.getMessage());
        }
    }

    /**
     * Analyses the activations and writes everything into {@code out}.
     *
     * @param saveActivations whether to write activations.safetensors (not when they came from that file)
     */
    void analyseAndWrite(OutputDirectory out, Activations acts, WordList words, AnalysisOptions opt,
                         TokenPosition corrPosition, String modelName, Map<String, Object> modelConfig,
                         String template, boolean saveActivations) {
        try (KernelBackend kernels = backend(opt.backend)) {
            analyseAndWrite(out, acts, words, opt, corrPosition, modelName, modelConfig, template, saveActivations,
                    kernels);
        }
    }

    private void analyseAndWrite(OutputDirectory out, Activations acts, WordList words, AnalysisOptions opt,
                                 TokenPosition corrPosition, String modelName, Map<String, Object> modelConfig,
                                 String template, boolean saveActivations, KernelBackend kernels) {
        log.printf("laminar: kernels on the %s backend (%s)%n", kernels.name(), kernels.device());
        Path dir = out.path();
        if (saveActivations) {
            stage("save_activations", () -> {
                ActivationsFile.write(dir.resolve("activations.safetensors"), acts);
                return null;
            });
        }
        LaminarResults results = stage("analyses", () ->
                LaminarAnalysis.run(acts, words, opt.layer, corrPosition, opt.seed, kernels));
        int failedFigures = 0;
        if (!opt.noFigures) {
            Figures.Report report = stage("figures", () -> Figures.writeAll(results, acts, dir.resolve("figures")));
            for (String failure : report.failures()) {
                log.println("laminar: figure not written: " + failure);
            }
            failedFigures = report.failures().size();
        }
        RunMetadata meta = new RunMetadata(RunMetadata.version(), modelName, modelConfig, template,
                kernels.name(), seconds);
        // Timed too: at thousands of words results.json (the chosen layer's n x n matrices) takes seconds.
        stage("write_results", () -> {
            try {
                java.nio.file.Files.writeString(dir.resolve("results.json"), ResultsJson.render(results, acts, meta));
                if (ResultsJson.cosineInFile(results)) {
                    ResultsJson.writeCosineFile(results, dir);
                }
                CsvTables.write(results, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        boolean report = false;
        if (!opt.noReport) { // from results.json, so after it; inside the staging directory like everything else
            String failed = stage("report", () -> RunReport.writeOrReason(dir, acts, kernels, Main.arguments()));
            report = failed == null;
            if (!report) {
                log.println("laminar: report.html not written: " + failed);
            }
        }
        out.commit();
        log.printf("laminar: wrote %s (results.json, CSV tables%s)%n", out.target(),
                (opt.noFigures ? "" : failedFigures == 0 ? ", figures" : ", figures with " + failedFigures + " failed")
                + (report ? ", report.html" : ""));
        log.println("laminar: seconds per stage " + seconds);
    }

    Map<String, Double> seconds() {
        return seconds;
    }
}
