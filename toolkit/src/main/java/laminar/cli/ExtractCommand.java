package laminar.cli;

import laminar.model.Activations;
import laminar.model.ExtractionOptions;
import laminar.model.ExtractionStats;
import laminar.model.Extractors;
import laminar.model.ProcessMemory;
import laminar.model.QkvExtractor;
import laminar.model.io.ActivationsFile;
import laminar.report.OutputDirectory;
import laminar.stimuli.Template;
import laminar.stimuli.WordList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code laminar extract}: the extraction stage of {@code run} alone, activations only (for {@code analyze} later,
 * and the extraction benchmark). The same model, words and templates handling and the same output-folder rules as
 * {@code run}.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract every layer's Q/K/V from a checkpoint into activations.safetensors (no analyses).")
final class ExtractCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--words", paramLabel = "FILE",
            description = "Words file: UTF-8, one 'category<TAB>word' per line (default: the notebook's 34 words).")
    Path words;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: one per"
            + " processor).")
    int threads;

    @Option(names = "--no-share-prefix", description = "Compute the sentences' common first tokens in every sentence"
            + " (the plain forward) instead of once.")
    boolean noSharePrefix;

    @Option(names = "--force", description = "Replace an existing output directory written by laminar.")
    boolean force;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        List<Template> templates = modelOptions.templates();
        String model = modelOptions.model;
        WordList wordList = words == null ? WordList.notebook() : WordList.read(words);
        if (threads < 0) {
            throw new laminar.LaminarException("--threads must be 0 (one per processor) or more, got " + threads);
        }
        boolean bars = modelOptions.bars();
        Pipeline pipeline = new Pipeline(System.err); // its stage timing only
        String rotaryType = ExtractionStage.checkEarly(model, modelOptions.qkRotary);
        try (OutputDirectory output = OutputDirectory.open(out, force, ExtractionStage.inputs(model, words,
                modelOptions.templatesFile))) {
            Path dir = ExtractionStage.resolve(model, rotaryType, modelOptions.qkRotary, bars);
            ExtractionOptions options = modelOptions.extraction(bars).withThreads(threads)
                    .withSharePrefix(!noSharePrefix);
            try (QkvExtractor extractor = Extractors.open(dir, options)) {
                double opened = (System.nanoTime() - t0) / 1e9;
                List<Activations> acts = ExtractionStage.extract(extractor, dir, model, wordList, templates, null,
                        pipeline, System.err);
                ExtractionStats st = extractor.lastStats();
                System.err.printf(Locale.ROOT, "laminar: open %.2f s, extract %.2f s (last template: first layer"
                        + " %.2f s, %d token rows of %d, prefix %d tokens)%n", opened,
                        pipeline.seconds().get("extraction"), st.firstLayerSeconds(), st.rowsComputed(),
                        st.rowsFull(), st.prefixTokens());
                for (int t = 0; t < acts.size(); t++) {
                    String name = acts.size() == 1 ? "activations.safetensors"
                            : "activations_template_" + (t + 1) + ".safetensors";
                    Map<String, String> meta = new LinkedHashMap<>();
                    meta.put(ActivationsFile.HEADS, Integer.toString(extractor.heads()));
                    meta.put(ActivationsFile.KV_HEADS, Integer.toString(extractor.kvHeads()));
                    meta.put("model", model);
                    meta.put("template", templates.get(t).text());
                    Activations a = acts.get(t);
                    pipeline.stage("save_activations", () -> Pipeline.writing(output, name, () ->
                            ActivationsFile.write(output.path().resolve(name), a, meta)));
                }
            }
            output.commit();
        }
        System.err.printf(Locale.ROOT, "laminar: wrote %s; total %.2f s, peak RSS %s%n", out,
                (System.nanoTime() - t0) / 1e9, ProcessMemory.human(ProcessMemory.peakRssBytes()));
        return Main.OK;
    }
}
