package laminar.analysis;

import java.util.List;

/**
 * The parts of a run over several sentence templates.
 *
 * @param templates the templates, in the order given
 * @param perTemplate every part of each template's own activations (same order)
 * @param average every part on the word × word matrices averaged across the templates; its Part 2 is the mean of the
 *                templates' Part 2 correlations and its CKA the mean of theirs (both come from activations, which
 *                are not averaged)
 * @param noiseCeiling {@code [layer][Q, K, V][lower, upper]} (see {@link NoiseCeiling})
 */
public record TemplateResults(List<String> templates, List<LaminarResults> perTemplate, LaminarResults average,
                              double[][][] noiseCeiling) {
}
