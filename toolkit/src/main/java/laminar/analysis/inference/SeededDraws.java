package laminar.analysis.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws derived from (seed, index) alone: a {@link SplittableRandom} seeded with a hash of both makes each
 * permutation (Fisher–Yates) or resample. Results therefore do not depend on thread counts, batch sizes or the
 * order in which draws are requested.
 */
public final class SeededDraws implements Draws {

    private static final long PERMUTATION_STREAM = 0x5045524DL; // "PERM"
    private static final long RESAMPLE_STREAM = 0x424F4F54L;    // "BOOT"

    private final long seed;
    private final int[] categories;
    private final int[][] members;

    /** @param categories category code of each word */
    public SeededDraws(long seed, int[] categories) {
        this.seed = seed;
        this.categories = categories.clone();
        int[] distinct = java.util.Arrays.stream(categories).distinct().sorted().toArray();
        List<int[]> m = new ArrayList<>();
        for (int code : distinct) {
            m.add(java.util.stream.IntStream.range(0, categories.length).filter(i -> categories[i] == code).toArray());
        }
        this.members = new int[categories.length][];
        for (int i = 0; i < categories.length; i++) {
            members[i] = m.get(java.util.Arrays.binarySearch(distinct, categories[i]));
        }
    }

    @Override
    public int[] permutation(int index) {
        SplittableRandom r = random(PERMUTATION_STREAM, index);
        int n = categories.length;
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public int[] resample(int index) {
        SplittableRandom r = random(RESAMPLE_STREAM, index);
        int[] w = new int[categories.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = members[i][r.nextInt(members[i].length)];
        }
        return w;
    }

    private SplittableRandom random(long stream, int index) {
        return new SplittableRandom(mix(mix(seed ^ stream) + index));
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser (as SplittableRandom's own mixing). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
