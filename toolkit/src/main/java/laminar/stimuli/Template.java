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
        if (!valid(text)) {
            throw new LaminarException("the template " + (text == null ? "is missing" : "\"" + text + "\"")
                    + " must contain {word} exactly once (e.g. \"The next word is {word}\")");
        }
    }

    /**
     * The one rule of a template, for every place one comes from ({@code --template}, a templates file, the API):
     * {@code {word}} exactly once.
     */
    public static boolean valid(String text) {
        if (text == null) {
            return false;
        }
        int first = text.indexOf(PLACEHOLDER);
        return first >= 0 && text.indexOf(PLACEHOLDER, first + 1) < 0;
    }

    /** The sentence for one word. */
    public String fill(String word) {
        return text.replace(PLACEHOLDER, word);
    }
}
