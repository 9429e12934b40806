package laminar.cli;

import laminar.model.Activations;
import laminar.model.ExtractionOptions;
import laminar.model.ExtractionStats;
import laminar.model.Extractors;
import laminar.model.ProcessMemory;
import laminar.model.Progress;
import laminar.model.QkvExtractor;
import laminar.model.io.ActivationsFile;
import laminar.report.OutputDirectory;
import laminar.stimuli.Template;
import laminar.stimuli.TemplateList;
import laminar.stimuli.WordList;
import picocli.CommandLine.Command;
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

    @Option(names = "--model", paramLabel = "DIR|NAME",
            description = "Checkpoint directory (Hugging Face layout) or Hub name (default: ${DEFAULT-VALUE}).")
    String model = "gpt2-xl";

    @Option(names = "--words", paramLabel = "FILE",
            description = "Words file: UTF-8, one 'category<TAB>word' per line (default: the notebook's 34 words).")
    Path words;

    @Option(names = "--template", paramLabel = "TEXT", description = "Sentence template with {word} once; repeat it"
            + " for several templates (default: \"The next word is {word}\").")
    List<String> template;

    @Option(names = "--templates", paramLabel = "FILE", description = "Templates file: UTF-8, one template with {word}"
            + " per line ('#' comments); activations_template_{i}.safetensors per template.")
    Path templatesFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--device", description = "cpu or cuda (default: ${DEFAULT-VALUE}).")
    String device = "cpu";

    @Option(names = "--qk-rotary", description = "Rotary models: take Q and K after the rotary embedding"
            + " (default: the projection outputs, before it).")
    boolean qkRotary;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: one per"
            + " processor).")
    int threads;

    @Option(names = "--no-share-prefix", description = "Compute the sentences' common first tokens in every sentence"
            + " (the plain forward) instead of once.")
    boolean noSharePrefix;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Option(names = "--force", description = "Replace an existing output directory written by laminar.")
    boolean force;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        List<Template> templates = TemplateList.of(template, templatesFile);
        WordList wordList = words == null ? WordList.notebook() : WordList.read(words);
        if (threads < 0) {
            throw new laminar.LaminarException("--threads must be 0 (one per processor) or more, got " + threads);
        }
        boolean bars = Progress.wanted(quiet);
        Pipeline pipeline = new Pipeline(System.err); // its stage timing only
        String rotaryType = ExtractionStage.checkEarly(model, qkRotary);
        try (OutputDirectory output = OutputDirectory.open(out, force, ExtractionStage.inputs(model, words,
                templatesFile))) {
            Path dir = ExtractionStage.resolve(model, rotaryType, qkRotary, bars);
            ExtractionOptions options = ExtractionOptions.defaults().withDevice(device).withProgress(bars)
                    .withQkRotary(qkRotary).withThreads(threads).withSharePrefix(!noSharePrefix);
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
