package laminar.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What several runs can be compared on. Correlations and RSA are properties of each model's layers and always
 * compare; the selectivity profiles are within- vs across-category contrasts, so they compare only when every run
 * has the same categories. Everything else that differs (words, templates, depth, positions) is said, not hidden.
 *
 * @param selectivity whether the selectivity profiles compare
 * @param notes one line per difference, for the report
 */
record Comparability(boolean selectivity, List<String> notes) {

    static Comparability of(List<ComparedRun> runs, boolean relative) {
        List<String> notes = new ArrayList<>();
        ComparedRun first = runs.getFirst();
        boolean sameWords = runs.stream().allMatch(r -> r.words().equals(first.words()));
        Set<String> cats = Set.copyOf(first.categories());
        boolean sameCategories = runs.stream().allMatch(r -> Set.copyOf(r.categories()).equals(cats));
        if (!sameCategories) {
            notes.add("The runs have different categories: only the Q/K/V correlations and RSA are compared; the"
                    + " selectivity profiles (within vs across categories) are left out, they measure different contrasts.");
        } else if (!sameWords) {
            notes.add("The runs have the same categories but different words: all profiles are shown, each computed"
                    + " on its own run's words.");
        }
        if (runs.stream().map(ComparedRun::layers).distinct().count() > 1) {
            notes.add(relative
                    ? "The models differ in depth; layers are placed on a relative depth axis (layer / (layers - 1))."
                    : "The models differ in depth; layers are shown by index (--depth relative maps them to 0-1).");
        }
        differs(runs, "template", "The runs used different templates; each profile is its run's template's.", notes);
        if (runs.stream().map(r -> r.results().get("correlation_position").toString()).distinct().count() > 1) {
            notes.add("The Q/K/V correlations were taken at different token positions (--corr-position).");
        }
        return new Comparability(sameCategories, List.copyOf(notes));
    }

    private static void differs(List<ComparedRun> runs, String key, String note, List<String> notes) {
        if (runs.stream().map(r -> r.run(key)).distinct().count() > 1) {
            notes.add(note);
        }
    }

    boolean compares(Profile p) {
        return selectivity || !p.dependsOnCategories();
    }
}
