package laminar.cli;

import laminar.LaminarException;
import laminar.model.Activations;
import laminar.model.TokenPosition;
import laminar.stimuli.WordList;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link Pipeline#analyseAndWrite} call analyses and how: the activations and words, the command-line
 * analysis options, the model's description for results.json, and the optional per-head and several-templates
 * settings. Built with {@link #of} and the {@code with…} methods, so that a new setting is one more component,
 * not one more positional parameter at every caller.
 *
 * @param acts            the activations analysed (with several templates: the first template's)
 * @param words           the word list, in the activations' order
 * @param analysis        the command line's analysis options (layer, seed, measures, inference, backend, output)
 * @param corrPosition    Part 2's token position
 * @param modelName       the model as the user named it (a directory, a Hub name, or the activations file)
 * @param modelConfig     the model's numbers for results.json (empty when unknown)
 * @param template        the template text(s) for results.json (several joined with " | "; empty when unknown)
 * @param saveActivations whether to write activations.safetensors (not when they came from that file; with several
 *                        templates, activations_template_{i}.safetensors)
 * @param heads           the model's query heads, 0 when unknown (recorded in the activations' metadata)
 * @param kvHeads         the model's K/V heads, 0 when unknown
 * @param perHead         {@code --per-head}: also analyse every head (needs {@link #heads})
 * @param templateTexts   several templates: their texts, else null
 * @param templateActs    several templates: each template's activations, analysed per template and averaged, else
 *                        null
 */
record PipelineOptions(Activations acts, WordList words, AnalysisOptions analysis, TokenPosition corrPosition,
                       String modelName, Map<String, Object> modelConfig, String template, boolean saveActivations,
                       int heads, int kvHeads, boolean perHead, List<String> templateTexts,
                       List<Activations> templateActs) {

    PipelineOptions {
        Objects.requireNonNull(acts, "acts");
        Objects.requireNonNull(words, "words");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(corrPosition, "corrPosition");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelConfig, "modelConfig");
        Objects.requireNonNull(template, "template");
        if (perHead && heads <= 0) {
            throw new LaminarException("--per-head needs the model's heads");
        }
        if ((templateTexts == null) != (templateActs == null)
                || templateTexts != null && templateTexts.size() != templateActs.size()) {
            throw new IllegalArgumentException("one template text per template's activations");
        }
    }

    /** The activations and words with the command line's options; no model description, heads or templates. */
    static PipelineOptions of(Activations acts, WordList words, AnalysisOptions analysis, TokenPosition corrPosition) {
        return new PipelineOptions(acts, words, analysis, corrPosition, "", Map.of(), "", false, 0, 0, false, null,
                null);
    }

    /** The model as named by the user and its numbers for results.json. */
    PipelineOptions withModel(String name, Map<String, Object> config) {
        return new PipelineOptions(acts, words, analysis, corrPosition, name, config, template, saveActivations,
                heads, kvHeads, perHead, templateTexts, templateActs);
    }

    /** The template text(s) recorded in results.json. */
    PipelineOptions withTemplate(String text) {
        return new PipelineOptions(acts, words, analysis, corrPosition, modelName, modelConfig, text,
                saveActivations, heads, kvHeads, perHead, templateTexts, templateActs);
    }

    /** Also write the activations (they came from a model, not from a file). */
    PipelineOptions withSavedActivations() {
        return new PipelineOptions(acts, words, analysis, corrPosition, modelName, modelConfig, template, true,
                heads, kvHeads, perHead, templateTexts, templateActs);
    }

    /**
     * The model's heads ({@code heads} query heads in {@code kvHeads} K/V groups), recorded in the activations'
     * metadata so that {@code analyze --per-head} finds them; {@code perHead} also analyses every head.
     */
    PipelineOptions withHeads(int heads, int kvHeads, boolean perHead) {
        return new PipelineOptions(acts, words, analysis, corrPosition, modelName, modelConfig, template,
                saveActivations, heads, kvHeads, perHead, templateTexts, templateActs);
    }

    /** Several templates: their texts and each one's activations (the first is {@link #acts}). */
    PipelineOptions withTemplates(List<String> texts, List<Activations> perTemplate) {
        return new PipelineOptions(acts, words, analysis, corrPosition, modelName, modelConfig, template,
                saveActivations, heads, kvHeads, perHead, List.copyOf(texts), List.copyOf(perTemplate));
    }
}
