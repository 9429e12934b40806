package laminar.model;

import java.io.PrintStream;
import java.util.List;

/** Part 1 in one call: resolve the checkpoint, tokenize, report odd words, extract, summarise. */
public final class Extraction {

    private Extraction() {
    }

    /**
     * Extracts every layer's Q/K/V of {@code model} (directory or Hub name) for {@code template} filled with
     * {@code words}. Notes (odd words before any compute, the summary after) go to {@code log}.
     */
    public static Activations run(String model, String template, List<String> words, Gpt2Extractor.Options options,
                                  PrintStream log) {
        TokenizedStimuli.checkTemplate(template);
        if (words == null || words.isEmpty()) {
            throw new laminar.LaminarException("the word list is empty; give at least one word");
        }
        Checkpoint ckpt = Checkpoint.resolve(model, options.progress());
        TokenizedStimuli stimuli;
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(ckpt.directory())) {
            stimuli = TokenizedStimuli.of(tok, template, words);
        }
        stimuli.checkFits(ckpt.config().nPositions());
        String report = stimuli.report();
        if (!report.isEmpty()) {
            log.println(report);
        }
        try (Gpt2Extractor ex = Gpt2Extractor.open(ckpt, options)) {
            Activations acts = ex.extract(stimuli);
            log.println(ex.summary(ckpt.name()));
            return acts;
        }
    }
}
