package laminar.kernels;

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
}
