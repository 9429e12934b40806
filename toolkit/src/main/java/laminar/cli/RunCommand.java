package laminar.cli;

import laminar.model.Activations;
import laminar.model.Checkpoint;
import laminar.model.Gpt2Extractor;
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

    @Option(names = "--template", defaultValue = "The next word is {word}",
            description = "Sentence template with {word} once (default: \"${DEFAULT-VALUE}\").")
    String template;

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
        return execute(model, template, out, analysis.force);
    }

    int execute(String modelArg, String templateText, Path outDir, boolean force) {
        // Everything cheap first, before the checkpoint is resolved (perhaps downloaded) and extracted: the backend,
        // words, template, position, and the output folder (created as a staging folder, so it is known writable).
        Pipeline.checkBackend(analysis.backend);
        WordList words = analysis.wordList();
        Template tpl = new Template(templateText);
        TokenPosition corr = analysis.corrPosition();
        analysis.measureOptions(); // an unknown --measure/--standardize/--compare fails here, before any work
        Pipeline pipeline = new Pipeline(System.err);
        boolean bars = Progress.wanted(quiet); // only on a terminal: logs and CI stay clean
        String rotaryType = ArchRun.rotaryModelType(modelArg); // a local folder's type is known before any work
        if (qkRotary && rotaryType == null && isLocal(modelArg)) {
            throw notRotary(modelArg);
        }
        try (OutputDirectory output = OutputDirectory.open(outDir, force, inputs(modelArg))) {
            // a Hub name is downloaded first (config, tokenizer, weights), then dispatched on its model_type
            Path dir = rotaryType != null ? Path.of(modelArg) : Checkpoint.directory(modelArg, bars);
            if (rotaryType == null) {
                rotaryType = ArchRun.rotaryModelType(dir);
            }
            if (rotaryType != null) {
                ArchRun.extractAndWrite(dir, modelArg, device, qkRotary, perHead, words, tpl, corr, analysis,
                        pipeline, output);
                return Main.OK;
            }
            if (qkRotary) {
                throw notRotary(modelArg);
            }
            Checkpoint checkpoint = new Checkpoint(modelArg, dir, laminar.model.Gpt2Config.read(dir));
            extractAndWrite(checkpoint, modelArg, words, tpl, corr, pipeline, output, bars);
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

    private void extractAndWrite(Checkpoint checkpoint, String modelArg, WordList words, Template tpl,
                                 TokenPosition corr, Pipeline pipeline, OutputDirectory output, boolean bars) {
        Path dir = checkpoint.directory();
        try (Gpt2Extractor extractor = Gpt2Extractor.open(dir, Gpt2Extractor.Options.defaults()
                .withDevice(device).withProgress(bars))) {
            analysis.checkLayer(extractor.config().nLayer());
            pipeline.modelHeads(extractor.config().nHead(), extractor.config().nHead());
            if (perHead) {
                pipeline.perHead(extractor.config().nHead(), extractor.config().nHead());
            }
            TokenizedStimuli stimuli;
            try (Gpt2Tokenizer tokenizer = Gpt2Tokenizer.load(dir)) {
                stimuli = TokenizedStimuli.of(tokenizer, tpl.text(), words.texts());
            }
            stimuli.checkFits(extractor.config().nPositions());
            if (corr instanceof TokenPosition.FromStart f) {
                stimuli.checkPosition(f.index());
            }
            String irregular = stimuli.report();
            if (!irregular.isEmpty()) {
                System.err.println(irregular);
            }
            Activations acts = pipeline.stage("extraction", () -> extractor.extract(stimuli));
            System.err.println(extractor.summary(modelArg));
            pipeline.analyseAndWrite(output, acts, words, analysis, corr, modelArg, extractor.config().asMap(),
                    tpl.text(), true);
        }
    }

    /**
     * What the output folder must never hold: the words file and the model, a local directory or, for a Hub name,
     * the Hugging Face cache it is read from.
     */
    private List<Path> inputs(String modelArg) {
        List<Path> inputs = new ArrayList<>();
        if (analysis.words != null) {
            inputs.add(analysis.words);
        }
        Path local = Path.of(modelArg.startsWith("~/") ? System.getProperty("user.home") + modelArg.substring(1)
                : modelArg);
        inputs.add(Files.isDirectory(local) ? local : HubSettings.fromEnvironment(false).cache());
        return inputs;
    }
}
