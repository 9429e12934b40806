package laminar.cli;

import laminar.model.Activations;
import laminar.model.Extractors;
import laminar.model.QkvExtractor;
import laminar.model.TokenPosition;
import laminar.report.OutputDirectory;
import laminar.stimuli.Template;
import laminar.stimuli.WordList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code laminar run}: extraction from a checkpoint, then every analysis, results and figures. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Extract every layer's Q/K/V from a checkpoint, run the notebook's Parts 1-7, write results and figures.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--per-head", description = "Also every head: selectivity, Fisher-z and RSA per layer and head"
            + " into results.json 'heads' (grouped-query: each query head against its K/V group).")
    boolean perHead;

    @Mixin
    AnalysisOptions analysis = new AnalysisOptions();

    @Override
    public Integer call() {
        return execute(modelOptions.model, modelOptions.templates(), out, analysis.force);
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
        boolean bars = modelOptions.bars();
        String rotaryType = ExtractionStage.checkEarly(modelArg, modelOptions.qkRotary); // a local folder's type: before any work
        try (OutputDirectory output = OutputDirectory.open(outDir, force, ExtractionStage.inputs(modelArg,
                analysis.words, modelOptions.templatesFile))) {
            // a Hub name is downloaded first (config, tokenizer, weights), then dispatched on its model_type
            Path dir = ExtractionStage.resolve(modelArg, rotaryType, modelOptions.qkRotary, bars);
            extractAndWrite(dir, modelArg, words, templates, corr, pipeline, output, bars);
        }
        return Main.OK;
    }

    /**
     * Extracts every template's Q/K/V with the model's extractor (any architecture: {@link Extractors}), then
     * analyses and writes them. Every template is tokenized and checked before any extraction.
     */
    private void extractAndWrite(Path dir, String modelArg, WordList words, List<Template> templates,
                                 TokenPosition corr, Pipeline pipeline, OutputDirectory output, boolean bars) {
        try (QkvExtractor extractor = Extractors.open(dir, modelOptions.extraction(bars))) {
            analysis.checkLayer(extractor.layers());
            List<Activations> acts = ExtractionStage.extract(extractor, dir, modelArg, words, templates, corr, pipeline,
                    System.err);
            List<String> texts = templates.stream().map(Template::text).toList();
            PipelineOptions run = PipelineOptions.of(acts.getFirst(), words, analysis, corr)
                    .withModel(modelArg, extractor.describe()).withTemplate(String.join(" | ", texts))
                    .withSavedActivations().withHeads(extractor.heads(), extractor.kvHeads(), perHead);
            pipeline.analyseAndWrite(output, texts.size() > 1 ? run.withTemplates(texts, acts) : run);
        }
    }
}
