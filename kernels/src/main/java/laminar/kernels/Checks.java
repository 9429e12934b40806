package laminar.kernels;

import java.util.Arrays;
import java.util.Objects;

/**
 * Argument checks with messages that name the problem and the fix, shared by every backend (the TornadoVM one
 * included) so that all of them refuse bad arrays with the same words.
 */
public final class Checks {

    private Checks() {
    }

    /** Each value ≥ 0. */
    public static void nonNegative(String name1, int v1, String name2, int v2, String name3, int v3) {
        nonNegative(name1, v1);
        nonNegative(name2, v2);
        nonNegative(name3, v3);
    }

    /** {@code v} ≥ 0. */
    public static void nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be ≥ 0, got " + v);
        }
    }

    /** {@code a} is non-null and holds {@code expected} values laid out as {@code layout}. */
    public static void length(String name, float[] a, long expected, String layout) {
        if (a == null) {
            throw new IllegalArgumentException(name + " is null; pass a " + layout + " array");
        }
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " has " + a.length + " values but the sizes given need "
                    + expected + " (" + layout + "); check m, n and d against the array");
        }
    }

    /** {@code first} and {@code second} are index pairs of equal length naming matrices 0..m−1. */
    public static void pairs(int m, int[] first, int[] second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first.length != second.length) {
            throw new IllegalArgumentException("first has " + first.length + " indices but second has "
                    + second.length + "; pass one index pair per RSA score");
        }
        for (int k = 0; k < first.length; k++) {
            if (first[k] < 0 || first[k] >= m || second[k] < 0 || second[k] >= m) {
                throw new IllegalArgumentException("pair " + k + " = (" + first[k] + ", " + second[k]
                        + ") names a matrix outside 0.." + (m - 1));
            }
        }
    }

    /** {@code perms} holds {@code p} permutations of 0..n−1. */
    public static void permutations(int[] perms, int p, int n) {
        Objects.requireNonNull(perms, "perms");
        if (perms.length != (long) p * n) {
            throw new IllegalArgumentException("perms has " + perms.length + " indices but p × n = " + (long) p * n
                    + "; pass p permutations of 0..n-1");
        }
        boolean[] seen = new boolean[n];
        for (int q = 0; q < p; q++) {
            Arrays.fill(seen, false);
            for (int v = 0; v < n; v++) {
                int w = perms[q * n + v];
                if (w < 0 || w >= n || seen[w]) {
                    throw new IllegalArgumentException("perms row " + q + " is not a permutation of 0.." + (n - 1)
                            + " (index " + w + " at " + v + ")");
                }
                seen[w] = true;
            }
        }
    }

    /** {@code weights} holds one count per word for each of {@code r} resamples. */
    public static void weights(double[] weights, int r, int n) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length != (long) r * n) {
            throw new IllegalArgumentException("weights has " + weights.length + " values but r × n = "
                    + (long) r * n + "; pass one count per word for each resample");
        }
    }

    /** A batch of Q, K, V triples: {@code cos} and {@code z} each {@code [3·triples][n][n]}. */
    public static void triples(float[] cos, float[] z, int triples, int n) {
        nonNegative("triples", triples);
        nonNegative("n", n);
        length("cos", cos, 3L * triples * n * n, "[3·triples][n][n]");
        length("z", z, 3L * triples * n * n, "[3·triples][n][n]");
    }

    /** {@code labels} holds {@code expected} category codes laid out as {@code layout}. */
    public static void labels(int[] labels, long expected, String name, String layout) {
        Objects.requireNonNull(labels, name);
        if (labels.length != expected) {
            throw new IllegalArgumentException(name + " has " + labels.length + " codes but the sizes given need "
                    + expected + " (" + layout + "); pass one category code per word");
        }
    }
}
