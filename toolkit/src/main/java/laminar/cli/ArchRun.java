package laminar.cli;

import laminar.model.Activations;
import laminar.model.Gpt2Tokenizer;
import laminar.model.TokenPosition;
import laminar.model.TokenizedStimuli;
import laminar.model.arch.ArchConfig;
import laminar.model.arch.ArchExtractor;
import laminar.report.OutputDirectory;
import laminar.stimuli.Template;
import laminar.stimuli.WordList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code laminar run} on a {@code llama}, {@code mistral}, {@code qwen2} or {@code gpt_neox} checkpoint (a local
 * folder or a Hub snapshot): the same analyses as for GPT-2, on {@link ArchExtractor}'s Q/K/V. Tokens are encoded with the model's special tokens
 * (Llama's BOS), so positions count what the model sees.
 */
final class ArchRun {

    private ArchRun() {
    }

    /**
     * The {@code model_type} of a local model directory when it is one {@link ArchExtractor} reads, {@code null}
     * for GPT-2 (or a Hub name, or no config.json), which keep their own path; any other type is refused.
     */
    static String rotaryModelType(String modelArg) {
        Path dir;
        try {
            dir = Path.of(modelArg);
        } catch (java.nio.file.InvalidPathException e) {
            return null; // not a directory: Checkpoint.resolve says what it is
        }
        return rotaryModelType(dir);
    }

    /** {@link #rotaryModelType(String)} of a model directory (a local one, or a Hub snapshot). */
    static String rotaryModelType(Path dir) {
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            return null;
        }
        String type = ArchConfig.modelType(dir);
        if (type == null || type.equals("gpt2")) {
            return null;
        }
        if (!ArchConfig.SUPPORTED.contains(type)) {
            throw ArchConfig.unsupported(dir.resolve("config.json"), type);
        }
        return type;
    }

    static void extractAndWrite(Path dir, String modelArg, String device, boolean qkRotary, boolean perHead,
                                WordList words,
                                Template tpl, TokenPosition corr, AnalysisOptions analysis, Pipeline pipeline,
                                OutputDirectory output) {
        try (ArchExtractor extractor = ArchExtractor.open(dir, new ArchExtractor.Options(device, 0, qkRotary))) {
            ArchConfig c = extractor.config();
            analysis.checkLayer(c.layers());
            TokenizedStimuli stimuli;
            try (Gpt2Tokenizer tokenizer = Gpt2Tokenizer.load(dir, true)) {
                stimuli = TokenizedStimuli.of(tokenizer, tpl.text(), words.texts());
            }
            stimuli.checkFits(c.maxPositions());
            if (corr instanceof TokenPosition.FromStart f) {
                stimuli.checkPosition(f.index());
            }
            String irregular = stimuli.report();
            if (!irregular.isEmpty()) {
                System.err.println(irregular);
            }
            Activations acts = pipeline.stage("extraction", () -> extractor.extract(stimuli));
            System.err.println(String.format(Locale.ROOT, "laminar: %s: %s, %d layers, Q %d features, K/V %d features"
                            + "%s, Q/K %s rotary, %d tokens per sentence (special tokens included)", modelArg,
                    c.modelType(), c.layers(), c.qWidth(), c.kvWidth(),
                    c.kvHeads() < c.heads() ? " (grouped-query: each K/V head repeated for its " + c.groupSize()
                            + " query heads in the analysis)" : "", qkRotary ? "after" : "before",
                    stimuli.maxLength()));
            pipeline.analyseAndWrite(output, PipelineOptions.of(acts, words, analysis, corr)
                    .withModel(modelArg, describe(c, qkRotary)).withTemplate(tpl.text()).withSavedActivations()
                    .withHeads(c.heads(), c.kvHeads(), perHead));
        }
    }

    /** The model's numbers for results.json, with what Q/K/V are. */
    static Map<String, Object> describe(ArchConfig c, boolean qkRotary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_type", c.modelType());
        m.put("num_hidden_layers", c.layers());
        m.put("hidden_size", c.hidden());
        m.put("num_attention_heads", c.heads());
        m.put("num_key_value_heads", c.kvHeads());
        m.put("head_dim", c.headDim());
        m.put("q_features", c.qWidth());
        m.put("kv_features", c.kvWidth());
        m.put("kv_in_analysis", c.kvHeads() < c.heads() ? "each K/V head repeated for its query heads (repeat_kv)"
                : "as computed");
        m.put("qk", qkRotary ? "after rotary" : "before rotary (projection outputs)");
        m.put("rope_theta", c.rope().theta());
        m.put("rope_type", c.rope().type());
        m.put("rotary_dims", c.rope().rotaryDims());
        return m;
    }
}
