package laminar.cli;

import laminar.model.ExtractionOptions;
import laminar.model.Activations;
import laminar.model.Checkpoint;
import laminar.model.Extractors;
import laminar.model.QkvExtractor;
import laminar.model.Gpt2Tokenizer;
import laminar.model.hub.HubSettings;
import laminar.model.Progress;
import laminar.model.TokenPosition;
import laminar.model.TokenizedStimuli;
import laminar.report.OutputDirectory;
import laminar.stimuli.Template;
import laminar.stimuli.WordList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code laminar run}: extraction from a checkpoint, then every analysis, results and figures. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Extract every layer's Q/K/V from a checkpoint, run the notebook's Parts 1-7, write results and figures.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "gpt2-xl", paramLabel = "DIR|NAME",
            description = "Checkpoint directory (Hugging Face layout) or Hub name (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--template", paramLabel = "TEXT", description = "Sentence template with {word} once; repeat it"
            + " for several templates (default: \"The next word is {word}\").")
    List<String> template;

    @Option(names = "--templates", paramLabel = "FILE", description = "Templates file: UTF-8, one template with {word}"
            + " per line ('#' comments). Several templates: every part per template and on the averaged matrices,"
            + " and the noise ceiling.")
    Path templatesFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--qk-rotary", description = "Rotary models: take Q and K after the rotary embedding"
            + " (default: the projection outputs, before it).")
    boolean qkRotary;

    @Option(names = "--per-head", description = "Also every head: selectivity, Fisher-z and RSA per layer and head"
            + " into results.json 'heads' (grouped-query: each query head against its K/V group).")
    boolean perHead;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Mixin
    AnalysisOptions analysis = new AnalysisOptions();

    @Override
    public Integer call() {
        return execute(model, laminar.stimuli.TemplateList.of(template, templatesFile), out, analysis.force);
    }

    int execute(String modelArg, String templateText, Path outDir, boolean force) {
        return execute(modelArg, List.of(new Template(templateText)), outDir, force);
    }

    private int execute(String modelArg, List<Template> templates, Path outDir, boolean force) {
        // Everything cheap first, before the checkpoint is resolved (perhaps downloaded) and extracted: the backend,
        // words, template, position, and the output folder (created as a staging folder, so it is known writable).
        Pipeline.checkBackend(analysis.backend);
        WordList words = analysis.wordList();
        TokenPosition corr = analysis.corrPosition();
        analysis.measureOptions(); // an unknown --measure/--standardize/--compare fails here, before any work
        Pipeline pipeline = new Pipeline(System.err);
        boolean bars = Progress.wanted(quiet); // only on a terminal: logs and CI stay clean
        String rotaryType = Extractors.rotaryModelType(modelArg); // a local folder's type is known before any work
        if (qkRotary && rotaryType == null && isLocal(modelArg)) {
            throw notRotary(modelArg);
        }
        try (OutputDirectory output = OutputDirectory.open(outDir, force, inputs(modelArg))) {
            // a Hub name is downloaded first (config, tokenizer, weights), then dispatched on its model_type
            Path dir = rotaryType != null ? Path.of(modelArg) : Checkpoint.directory(modelArg, bars);
            if (qkRotary && rotaryType == null && Extractors.rotaryModelType(dir) == null) {
                throw notRotary(modelArg);
            }
            extractAndWrite(dir, modelArg, words, templates, corr, pipeline, output, bars);
        }
        return Main.OK;
    }

    /** Whether {@code modelArg} names a local directory (else it is a Hub name, resolved later). */
    private static boolean isLocal(String modelArg) {
        try {
            return Files.isDirectory(Path.of(modelArg));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static laminar.LaminarException notRotary(String modelArg) {
        return new laminar.LaminarException("--qk-rotary: " + modelArg + " is not a rotary model (llama, mistral,"
                + " qwen2, gpt_neox); drop --qk-rotary");
    }

    /**
     * Extracts every template's Q/K/V with the model's extractor (any architecture: {@link Extractors}), then
     * analyses and writes them. Every template is tokenized and checked before any extraction.
     */
    private void extractAndWrite(Path dir, String modelArg, WordList words, List<Template> templates,
                                 TokenPosition corr, Pipeline pipeline, OutputDirectory output, boolean bars) {
        ExtractionOptions options = ExtractionOptions.defaults().withDevice(device).withProgress(bars)
                .withQkRotary(qkRotary);
        try (QkvExtractor extractor = Extractors.open(dir, options)) {
            analysis.checkLayer(extractor.layers());
            List<TokenizedStimuli> stimuli = new ArrayList<>();
            try (Gpt2Tokenizer tokenizer = Gpt2Tokenizer.load(dir, extractor.specialTokens())) {
                for (Template tpl : templates) { // every template checked before any extraction
                    TokenizedStimuli s = TokenizedStimuli.of(tokenizer, tpl.text(), words.texts());
                    s.checkFits(extractor.maxPositions());
                    if (corr instanceof TokenPosition.FromStart f) {
                        s.checkPosition(f.index()); // Part 2's position, per template
                    }
                    stimuli.add(s);
                }
            }
            String note = extractor.qkvNote(modelArg);
            if (!note.isEmpty()) { // positions count what the model sees, its special tokens included
                System.err.println(note + ", " + stimuli.stream().map(s -> Integer.toString(s.maxLength()))
                        .collect(java.util.stream.Collectors.joining("/")) + " tokens per sentence (special tokens"
                        + " included)");
            }
            List<Activations> acts = new ArrayList<>();
            for (TokenizedStimuli s : stimuli) {
                String irregular = s.report(); // names the template: a word can be one token in one and not another
                if (!irregular.isEmpty()) {
                    System.err.println(irregular);
                }
                acts.add(pipeline.stage("extraction", () -> extractor.extract(s)));
            }
            System.err.println(extractor.summary(modelArg));
            List<String> texts = templates.stream().map(Template::text).toList();
            PipelineOptions run = PipelineOptions.of(acts.getFirst(), words, analysis, corr)
                    .withModel(modelArg, extractor.describe()).withTemplate(String.join(" | ", texts))
                    .withSavedActivations().withHeads(extractor.heads(), extractor.kvHeads(), perHead);
            pipeline.analyseAndWrite(output, texts.size() > 1 ? run.withTemplates(texts, acts) : run);
        }
    }

    /**
     * What the output folder must never hold: the words and templates files and the model, a local directory or, for a Hub name,
     * the Hugging Face cache it is read from.
     */
    private List<Path> inputs(String modelArg) {
        List<Path> inputs = new ArrayList<>();
        if (analysis.words != null) {
            inputs.add(analysis.words);
        }
        if (templatesFile != null) {
            inputs.add(templatesFile);
        }
        Path local = Path.of(modelArg.startsWith("~/") ? System.getProperty("user.home") + modelArg.substring(1)
                : modelArg);
        inputs.add(Files.isDirectory(local) ? local : HubSettings.fromEnvironment(false).cache());
        return inputs;
    }
}
