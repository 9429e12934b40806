package laminar.stimuli;

/** One stimulus word and the label of its category. */
public record Word(String word, String category) {
}
