package laminar.cli;

import laminar.LaminarException;
import laminar.model.Activations;
import laminar.model.io.ActivationsFile;
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

    @Option(names = "--per-head", description = "Also every head: selectivity, Fisher-z and RSA per layer and head"
            + " into results.json 'heads' and the per-head figures. The heads come from --heads or from the file's"
            + " metadata (laminar run records them).")
    boolean perHead;

    @Option(names = "--heads", paramLabel = "H[:KV]", description = "With --per-head: the model's query heads, and"
            + " its K/V heads under grouped-query attention (e.g. 12 for GPT-2 small, 32:8 for Llama 3 8B).")
    String heads;

    @Mixin
    AnalysisOptions analysis = new AnalysisOptions();

    @Override
    public Integer call() {
        Pipeline.checkBackend(analysis.backend);
        if (heads != null && !perHead) {
            throw new LaminarException("--heads " + heads + " is only used with --per-head; add --per-head or drop"
                    + " --heads");
        }
        if (heads != null) {
            parseHeads(heads); // a malformed --heads fails here, before any work
        }
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
            PipelineOptions options = PipelineOptions.of(acts, words, analysis, corr)
                    .withModel(activations.toString(), Map.of());
            if (perHead) {
                int[] hk = headCounts(acts.nEmbd());
                options = options.withHeads(hk[0], hk[1], true);
            }
            pipeline.analyseAndWrite(output, options);
        }
        return Main.OK;
    }

    /**
     * {@code [heads, kvHeads]} from {@code --heads}, else from the file's metadata; they must split
     * {@code features} (the Q width, as K/V are stored repeated per query head) evenly.
     */
    private int[] headCounts(int features) {
        int[] hk;
        String source;
        if (heads != null) {
            hk = parseHeads(heads);
            source = "--heads " + heads;
        } else {
            Map<String, String> meta = ActivationsFile.metadata(activations);
            String h = meta.get(ActivationsFile.HEADS);
            if (h == null) {
                throw new LaminarException("--per-head: " + activations + " does not record the model's heads (a"
                        + " plain file, or written before laminar recorded them); give --heads H[:KV], e.g."
                        + " --heads 12 for GPT-2 small");
            }
            String kv = meta.getOrDefault(ActivationsFile.KV_HEADS, h);
            hk = parseHeads(h.equals(kv) ? h : h + ":" + kv);
            source = activations + "'s metadata (" + hk[0] + " heads, " + hk[1] + " K/V heads)";
        }
        if (features % hk[0] != 0) {
            throw new LaminarException("--per-head: " + features + " features per layer do not split into " + hk[0]
                    + " heads (from " + source + "); give the model's --heads");
        }
        return hk;
    }

    /** {@code H} or {@code H:KV}, positive, {@code KV} dividing {@code H}. */
    static int[] parseHeads(String text) {
        String[] parts = text.split(":", -1);
        try {
            if (parts.length <= 2) {
                int h = Integer.parseInt(parts[0].strip());
                int kv = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : h;
                if (h > 0 && kv > 0 && h % kv == 0) {
                    return new int[] {h, kv};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LaminarException("--heads: '" + text + "' is not H or H:KV with KV dividing H (e.g. 12, or 32:8"
                + " for grouped-query attention)");
    }

    /** What the output folder must never hold. */
    private List<Path> inputs() {
        return analysis.words == null ? List.of(activations) : List.of(activations, analysis.words);
    }
}
