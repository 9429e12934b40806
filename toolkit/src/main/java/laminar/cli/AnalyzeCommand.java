package laminar.cli;

import laminar.LaminarException;
import laminar.model.Activations;
import laminar.model.ActivationsFile;
import laminar.model.TokenPosition;
import laminar.report.OutputDirectory;
import laminar.stimuli.WordList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code laminar analyze}: the analyses on a saved activation file; no model needed. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Run the notebook's Parts 1-7 on a saved activations.safetensors (no model needed).")
final class AnalyzeCommand implements Callable<Integer> {

    @Option(names = "--activations", required = true, paramLabel = "FILE", description = "activations.safetensors")
    Path activations;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    AnalysisOptions analysis = new AnalysisOptions();

    @Override
    public Integer call() {
        Pipeline.checkBackend(analysis.backend);
        WordList words = analysis.wordList();
        TokenPosition corr = analysis.corrPosition();
        analysis.measureOptions(); // an unknown --measure/--standardize/--compare fails here, before any work
        Pipeline pipeline = new Pipeline(System.err);
        try (OutputDirectory output = OutputDirectory.open(out, analysis.force, inputs())) {
            Activations acts = pipeline.stage("load_activations", () -> ActivationsFile.read(activations,
                    analysis.words == null ? null : words.texts())); // a plain notebook file needs explicit --words
            if (!acts.words().equals(words.texts())) { // a laminar file names its words
                throw new LaminarException(activations + " holds activations for " + acts.nWords()
                        + " other words than the word list (" + words.size() + " words); give the --words file"
                        + " the activations were extracted with");
            }
            analysis.checkLayer(acts.nLayers());
            pipeline.analyseAndWrite(output, acts, words, analysis, corr, activations.toString(), Map.of(),
                    "", false);
        }
        return Main.OK;
    }

    /** What the output folder must never hold. */
    private List<Path> inputs() {
        return analysis.words == null ? List.of(activations) : List.of(activations, analysis.words);
    }
}
