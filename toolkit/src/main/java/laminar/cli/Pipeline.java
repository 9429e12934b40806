package laminar.cli;

import laminar.LaminarException;
import laminar.analysis.LaminarAnalysis;
import laminar.analysis.LaminarResults;
import laminar.analysis.inference.Inference;
import laminar.analysis.inference.InferenceOptions;
import laminar.analysis.inference.InferencePass;
import laminar.figures.Figures;
import laminar.figures.parts.InferenceFigures;
import laminar.kernels.Backends;
import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.model.io.ActivationsFile;
import laminar.model.ProcessMemory;
import laminar.model.TokenPosition;
import laminar.report.CsvTables;
import laminar.report.InferenceCsv;
import laminar.report.OutputDirectory;
import laminar.report.ResultsJson;
import laminar.report.RunMetadata;
import laminar.report.html.RunReport;
import laminar.stimuli.WordList;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
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
    /** The process's CPU seconds per stage (all threads, GC included): on a shared machine steadier than wall time. */
    private final Map<String, Double> cpuSeconds = new LinkedHashMap<>();

    Pipeline(PrintStream log) {
        this.log = log;
    }

    /** Times one stage. */
    <T> T stage(String name, Supplier<T> work) {
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        T result = work.get();
        seconds.merge(name, (System.nanoTime() - t0) / 1e9, Double::sum);
        cpuSeconds.merge(name, (processCpuNanos() - cpu0) / 1e9, Double::sum);
        return result;
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    static KernelBackend backend(String name) {
        try {
            return name == null ? Backends.preferred() : Backends.get(name);
        } catch (IllegalArgumentException e) {
            throw new LaminarException(e.getMessage());
        }
    }

    /**
     * Fails early, before any heavy work, on a backend name that is unknown or cannot run here (the backend itself
     * is made only when the analyses start).
     */
    static void checkBackend(String name) {
        if (name != null && !Backends.available().contains(name)) {
            backend(name).close(); // throws, naming the available backends
        }
    }

    /**
     * Analyses the activations and writes everything into {@code out}, then commits it: all or nothing (a
     * figure or file that could not be written fails the run and nothing is committed).
     */
    void analyseAndWrite(OutputDirectory out, PipelineOptions options) {
        try (KernelBackend kernels = backend(options.analysis().backend)) {
            analyseAndWrite(out, options, kernels);
        }
    }

    private void analyseAndWrite(OutputDirectory out, PipelineOptions options, KernelBackend kernels) {
        Activations acts = options.acts();
        WordList words = options.words();
        AnalysisOptions opt = options.analysis();
        TokenPosition corrPosition = options.corrPosition();
        String modelName = options.modelName();
        Map<String, Object> modelConfig = options.modelConfig();
        String template = options.template();
        boolean saveActivations = options.saveActivations();
        java.util.List<String> templateTexts = options.templateTexts();
        java.util.List<Activations> templateActs = options.templateActs();
        // the model's query and K/V heads for the activations' metadata, so that analyze --per-head finds them
        Map<String, String> modelHeads = options.heads() <= 0 ? Map.of() : Map.of(ActivationsFile.HEADS,
                Integer.toString(options.heads()), ActivationsFile.KV_HEADS, Integer.toString(options.kvHeads()));
        log.printf("laminar: kernels on the %s backend (%s)%n", kernels.name(), kernels.device());
        Path dir = out.path();
        if (saveActivations && templateActs != null) {
            for (int t = 0; t < templateActs.size(); t++) {
                String name = "activations_template_" + (t + 1) + ".safetensors";
                Activations a = templateActs.get(t);
                Map<String, String> meta = new LinkedHashMap<>(modelHeads);
                meta.put("template", templateTexts.get(t));
                stage("save_activations", () -> writing(out, name, () ->
                        ActivationsFile.write(dir.resolve(name), a, meta)));
            }
        } else if (saveActivations) {
            stage("save_activations", () -> writing(out, "activations.safetensors", () ->
                    ActivationsFile.write(dir.resolve("activations.safetensors"), acts, modelHeads)));
        }
        laminar.analysis.ActivationWarnings.of(acts).forEach(w -> log.println("laminar: warning: " + w));
        laminar.analysis.MeasureOptions measures = opt.measureOptions();
        InferenceOptions inferenceOptions = opt.inference();
        InferencePass inference = inferenceOptions.any() ? InferencePass.seeded(kernels, words.categoryCodes(),
                acts.nLayers(), inferenceOptions, log::println).comparing(measures.compare())
                .fisherZ(measures.fisherZApplies()) : null;
        // report.html's heatmaps from the pass's matrices when they are the cosines it shows (no second computation)
        laminar.report.html.LayerMatrices reportMatrices = !opt.noReport && templateActs == null
                && measures.notebookSimilarity()
                ? new laminar.report.html.LayerMatrices(acts.nWords(), acts.nLayers(), opt.layer) : null;
        laminar.analysis.TemplateResults byTemplate = templateActs == null ? null : stage("analyses", () ->
                laminar.analysis.TemplateAnalysis.run(templateTexts, templateActs, words, opt.layer, corrPosition,
                        opt.seed, kernels, inference, measures));
        LaminarResults results = byTemplate != null ? byTemplate.average() : stage("analyses", () ->
                LaminarAnalysis.run(acts, words, opt.layer, corrPosition, opt.seed, kernels,
                        laminar.analysis.CosineChunkListener.both(inference, reportMatrices), measures));
        Inference inferred = inference == null ? null : inference.finish();
        if (inference != null) {
            seconds.put("inference_in_analyses", inference.seconds()); // part of "analyses", which keeps its name
        }
        laminar.analysis.inference.HeadInference.Run heads = !options.perHead() ? null : stage("per_head", () ->
                laminar.analysis.inference.HeadInference.run(acts, words, options.heads(), options.kvHeads(), kernels, measures,
                        inferenceOptions, log::println));
        if (heads != null && heads.inference() != null) {
            seconds.put("inference_in_per_head", heads.inferenceSeconds()); // part of "per_head"
        }
        if (!opt.noFigures) {
            Figures.Report report = stage("figures", () -> Figures.writeAll(results, acts, dir.resolve("figures")));
            if (!report.complete()) {
                throw figuresFailed(report, Figures.NAMES.size(), out);
            }
            if (results.measures() != null) {
                Figures.Report added = stage("figures", () -> laminar.figures.parts.MeasureFigures.writeAll(
                        results.measures(), dir.resolve("figures")));
                if (!added.complete()) {
                    throw figuresFailed(added, laminar.figures.parts.MeasureFigures.NAMES.size(), out);
                }
            }
            if (byTemplate != null) {
                Figures.Report band = stage("figures", () -> laminar.figures.parts.NoiseCeilingFigure.write(
                        byTemplate, dir.resolve("figures")));
                if (!band.complete()) {
                    throw figuresFailed(band, 1, out);
                }
            }
            if (inferred != null) {
                Figures.Report extra = stage("figures", () -> InferenceFigures.writeAll(inferred,
                        dir.resolve("figures")));
                if (!extra.complete()) {
                    throw figuresFailed(extra, InferenceFigures.NAMES.size(), out);
                }
            }
            if (heads != null) {
                Figures.Report perHead = stage("figures", () -> laminar.figures.parts.HeadsFigures.writeAll(
                        heads.values(), heads.inference(), dir.resolve("figures")));
                if (!perHead.complete()) {
                    throw figuresFailed(perHead, laminar.figures.parts.HeadsFigures.NAMES.size(), out);
                }
            }
        }
        RunMetadata meta = new RunMetadata(RunMetadata.version(), modelName, modelConfig, template,
                kernels.name(), seconds);
        // Timed too: at thousands of words results.json (the chosen layer's n x n matrices) takes seconds.
        stage("write_results", () -> writing(out, "results.json and the CSV tables", () -> {
            String json = ResultsJson.render(results, acts, meta, inferred);
            json = heads == null ? json : laminar.report.HeadsJson.addTo(json, heads.values(), heads.inference());
            java.nio.file.Files.writeString(dir.resolve("results.json"),
                    byTemplate == null ? json : laminar.report.TemplatesJson.addTo(json, byTemplate, templateActs));
            if (byTemplate != null) {
                laminar.report.TemplatesJson.writeCsv(byTemplate, dir);
            }
            if (ResultsJson.cosineInFile(results)) {
                ResultsJson.writeCosineFile(results, dir);
            }
            CsvTables.write(results, dir);
            laminar.report.MeasuresCsv.write(results.measures(), dir);
            if (inferred != null) {
                InferenceCsv.write(inferred, dir);
            }
            if (heads != null && heads.inference() != null) {
                laminar.report.HeadsInferenceCsv.write(heads.inference(), dir);
            }
        }));
        if (!opt.noReport) { // from results.json, so after it; inside the staging directory like everything else
            String failed = stage("report", () -> RunReport.writeOrReason(dir, reportMatrices, acts, kernels,
                    Main.arguments()));
            if (failed != null) { // a run promises its report like its figures: nothing is committed without it
                throw new LaminarException("report.html could not be written (" + failed + "); nothing was written to "
                        + out.target() + ": free disk space, choose another --out, or use --no-report");
            }
        }
        out.commit();
        log.printf("laminar: wrote %s (results.json, CSV tables%s%s)%n", out.target(),
                opt.noFigures ? "" : ", figures", opt.noReport ? "" : ", report.html");
        log.println("laminar: seconds per stage " + seconds);
        log.println("laminar: CPU seconds per stage " + cpuSeconds + " (process CPU time, all threads)");
        // The process's high-water mark, read last: the analyses and figures can peak above the extraction.
        log.println("laminar: peak memory " + ProcessMemory.human(ProcessMemory.peakRssBytes())
                + " (the whole run's resident peak, VmHWM)");
    }

    /** A write into the staging folder. */
    interface Write {
        void run() throws IOException;
    }

    /**
     * Runs a write; a failure (a full disk, a folder made read-only meanwhile) is the environment's, not a bug:
     * a {@link LaminarException} saying that nothing was written (the caller's output directory discards the
     * staging folder).
     */
    static Void writing(OutputDirectory out, String what, Write write) {
        try {
            write.run();
            return null;
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            String why = cause instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : cause.getMessage();
            throw new LaminarException("could not write " + what + " (" + why + "); nothing was written to "
                    + out.target() + ": free disk space or choose another --out", e);
        }
    }

    /**
     * A run promises every figure: when one is missing nothing is committed. Figures that could not be written are
     * the environment's fault (exit 2); figures that could not be drawn are laminar's (exit 1).
     */
    private static RuntimeException figuresFailed(Figures.Report report, int total, OutputDirectory out) {
        String failed = String.join(", ", report.failed().keySet());
        String first = report.failures().getFirst();
        String summary = report.failed().size() + " of " + total + " figures failed (" + failed
                + "; first: " + first + "); nothing was written to " + out.target();
        if (report.unwritable().isEmpty()) {
            return new IllegalStateException(summary + " (--no-figures writes the numbers without them)");
        }
        return new LaminarException(summary + ": free disk space, choose another --out, or use --no-figures");
    }

    Map<String, Double> seconds() {
        return seconds;
    }
}
