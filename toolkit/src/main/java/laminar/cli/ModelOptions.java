package laminar.cli;

import laminar.model.ExtractionOptions;
import laminar.model.Progress;
import laminar.stimuli.Template;
import laminar.stimuli.TemplateList;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * The checkpoint and extraction options that {@code run} and {@code extract} share (a picocli mixin): one
 * declaration, one default each, so the two commands read a model the same way.
 */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "DIR|NAME",
            description = "Checkpoint directory (Hugging Face layout) or Hub name (default: ${DEFAULT-VALUE}).")
    String model = "gpt2-xl";

    @Option(names = "--template", paramLabel = "TEXT", description = "Sentence template with {word} once; repeat it"
            + " for several templates (default: \"The next word is {word}\").")
    List<String> template;

    @Option(names = "--templates", paramLabel = "FILE", description = "Templates file: UTF-8, one template with {word}"
            + " per line ('#' comments). Several templates: run analyses every part per template and on the"
            + " averaged matrices, with the noise ceiling; activations go to activations_template_{i}.safetensors.")
    Path templatesFile;

    @Option(names = "--device", description = "cpu or cuda (default: ${DEFAULT-VALUE}).")
    String device = "cpu";

    @Option(names = "--qk-rotary", description = "Rotary models: take Q and K after the rotary embedding"
            + " (default: the projection outputs, before it).")
    boolean qkRotary;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    /** The templates of {@code --template}/{@code --templates} (the notebook's when neither is given). */
    List<Template> templates() {
        return TemplateList.of(template, templatesFile);
    }

    /** Progress bars: only on a terminal and without {@code --quiet}, so logs and CI stay clean. */
    boolean bars() {
        return Progress.wanted(quiet);
    }

    /** The extractor's options from these flags. */
    ExtractionOptions extraction(boolean bars) {
        return ExtractionOptions.defaults().withDevice(device).withProgress(bars).withQkRotary(qkRotary);
    }
}
