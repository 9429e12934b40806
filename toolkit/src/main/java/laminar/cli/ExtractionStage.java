package laminar.cli;

import laminar.LaminarException;
import laminar.model.Activations;
import laminar.model.Checkpoint;
import laminar.model.Extractors;
import laminar.model.Gpt2Tokenizer;
import laminar.model.QkvExtractor;
import laminar.model.TokenPosition;
import laminar.model.TokenizedStimuli;
import laminar.model.hub.HubSettings;
import laminar.stimuli.Template;
import laminar.stimuli.WordList;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The extraction stage of {@code run} and {@code extract}, one way for every architecture: the model named on the
 * command line resolved (a local folder, or a Hub name downloaded), every template tokenized and checked before any
 * extraction, then each template's Q/K/V extracted.
 */
final class ExtractionStage {

    private ExtractionStage() {
    }

    /**
     * Refuses {@code --qk-rotary} on a local GPT-2 folder before any work, and returns a local folder's rotary
     * {@code model_type} (null for GPT-2 or a Hub name, whose type is known only after the download).
     */
    static String checkEarly(String modelArg, boolean qkRotary) {
        String rotaryType = Extractors.rotaryModelType(modelArg);
        if (qkRotary && rotaryType == null && isLocal(modelArg)) {
            throw notRotary(modelArg);
        }
        return rotaryType;
    }

    /** The model's folder: a local one, or a Hub name downloaded (then {@code --qk-rotary} is checked on its type). */
    static Path resolve(String modelArg, String rotaryType, boolean qkRotary, boolean bars) {
        Path dir = rotaryType != null ? Path.of(modelArg) : Checkpoint.directory(modelArg, bars);
        if (qkRotary && rotaryType == null && Extractors.rotaryModelType(dir) == null) {
            throw notRotary(modelArg);
        }
        return dir;
    }

    /**
     * Every template's activations, in order. Each template is tokenized with the model's special tokens and
     * checked (the model's length; Part 2's position {@code corr}, null when there is none) before any extraction.
     */
    static List<Activations> extract(QkvExtractor extractor, Path dir, String modelArg, WordList words,
                                     List<Template> templates, TokenPosition corr, Pipeline pipeline,
                                     PrintStream log) {
        List<TokenizedStimuli> stimuli = new ArrayList<>();
        try (Gpt2Tokenizer tokenizer = Gpt2Tokenizer.load(dir, extractor.specialTokens())) {
            for (Template tpl : templates) {
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
            log.println(note + ", " + stimuli.stream().map(s -> Integer.toString(s.maxLength()))
                    .collect(Collectors.joining("/")) + " tokens per sentence (special tokens included)");
        }
        List<Activations> acts = new ArrayList<>();
        for (TokenizedStimuli s : stimuli) {
            String irregular = s.report(); // names the template: a word can be one token in one and not another
            if (!irregular.isEmpty()) {
                log.println(irregular);
            }
            acts.add(pipeline.stage("extraction", () -> extractor.extract(s)));
            log.println(extractor.summary(modelArg));
        }
        return acts;
    }

    /**
     * What the output folder must never hold: the words and templates files (null when not given) and the model, a
     * local directory or, for a Hub name, the Hugging Face cache it is read from.
     */
    static List<Path> inputs(String modelArg, Path words, Path templatesFile) {
        List<Path> inputs = new ArrayList<>();
        if (words != null) {
            inputs.add(words);
        }
        if (templatesFile != null) {
            inputs.add(templatesFile);
        }
        Path local = Path.of(modelArg.startsWith("~/") ? System.getProperty("user.home") + modelArg.substring(1)
                : modelArg);
        inputs.add(Files.isDirectory(local) ? local : HubSettings.fromEnvironment(false).cache());
        return inputs;
    }

    /** Whether {@code modelArg} names a local directory (else it is a Hub name, resolved later). */
    private static boolean isLocal(String modelArg) {
        try {
            return Files.isDirectory(Path.of(modelArg));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static LaminarException notRotary(String modelArg) {
        return new LaminarException("--qk-rotary: " + modelArg + " is not a rotary model (llama, mistral,"
                + " qwen2, gpt_neox); drop --qk-rotary");
    }
}
