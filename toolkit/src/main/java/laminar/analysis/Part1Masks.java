package laminar.analysis;

/**
 * Part 1 of the notebook: the category masks over word pairs, each a flat row-major {@code n × n} array.
 * <ul>
 *   <li>{@code sameCategory[i][j]}: words i and j share a category;</li>
 *   <li>{@code upperTriangle[i][j]}: j &gt; i (strict upper triangle, the non-redundant pairs);</li>
 *   <li>{@code within} = same category ∧ upper triangle; {@code across} = different category ∧ upper triangle.</li>
 * </ul>
 * Categories may come in any order: masks compare codes, they never assume sorted input.
 */
public record Part1Masks(int n, boolean[] sameCategory, boolean[] upperTriangle, boolean[] within, boolean[] across) {

    /** The masks for words with the given category codes. */
    public static Part1Masks of(int[] categories) {
        int n = categories.length;
        boolean[] same = new boolean[n * n];
        boolean[] upper = new boolean[n * n];
        boolean[] within = new boolean[n * n];
        boolean[] across = new boolean[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int at = i * n + j;
                same[at] = categories[i] == categories[j];
                upper[at] = j > i;
                within[at] = same[at] && upper[at];
                across[at] = !same[at] && upper[at];
            }
        }
        return new Part1Masks(n, same, upper, within, across);
    }

    /** Number of within-category pairs. */
    public int withinCount() {
        return count(within);
    }

    /** Number of across-category pairs. */
    public int acrossCount() {
        return count(across);
    }

    private static int count(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
