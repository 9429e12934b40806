package laminar.stimuli;

import laminar.LaminarException;

/**
 * A sentence template with exactly one {@code {word}} placeholder, e.g. the notebook's
 * {@code "The next word is {word}"}.
 */
public record Template(String text) {

    public static final String PLACEHOLDER = "{word}";
    public static final Template NOTEBOOK = new Template("The next word is {word}");

    public Template {
        int first = text.indexOf(PLACEHOLDER);
        if (first < 0 || text.indexOf(PLACEHOLDER, first + 1) >= 0) {
            throw new LaminarException("the template must contain {word} exactly once, got \"" + text
                    + "\" (e.g. \"The next word is {word}\")");
        }
    }

    /** The sentence for one word. */
    public String fill(String word) {
        return text.replace(PLACEHOLDER, word);
    }
}
