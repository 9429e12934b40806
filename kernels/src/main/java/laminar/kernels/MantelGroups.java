package laminar.kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The Mantel pairs (first[k], second[k]) of one {@link MantelCrossSums} call, grouped into the connected components
 * of the matrices they link (a laminar layer's Q, K, V with pairs QK, QV, KV is one group), so that one pass over
 * the rows of a group's matrices serves all its pairs.
 *
 * <p>In a group, the distinct second matrices (in increasing order) go two by two into units (the last one alone
 * when their number is odd) whose rows are gathered together ({@link RowDots#gatheredPairs}: one 64-bit gather
 * brings both), the distinct first matrices likewise two by two; a call is one unit against one pair of firsts that
 * holds a pair of the group, and computes the products of both firsts with both seconds (a product no pair asks for
 * costs one multiply-add and is dropped). A laminar layer is one call: seconds (K, V) against firsts (Q, K).
 */
record MantelGroups(Group[] groups) {

    /** Ints per call: unit, first0, first1 (-1: none), its first slot. */
    static final int CALL = 4;

    /**
     * One group.
     *
     * @param pairs its pairs' indices k, increasing
     * @param slots for each of its pairs, the slot of its sum among the group's {@code width} slots per permutation
     * @param width slots per permutation: 4 per call of a two-matrix unit, 2 per call of a one-matrix unit
     * @param units its units of seconds, 2 ints each: second0, second1 (-1: a unit of one matrix)
     * @param calls its calls, {@link #CALL} ints each
     */
    record Group(int[] pairs, int[] slots, int width, int[] units, int[] calls) {
    }

    /** The groups of the pairs over matrices 0..m−1 (checked by the caller), ordered by their lowest pair index. */
    static MantelGroups of(int m, int[] first, int[] second) {
        int[] root = new int[m];
        for (int i = 0; i < m; i++) {
            root[i] = i;
        }
        for (int k = 0; k < first.length; k++) {
            root[find(root, first[k])] = find(root, second[k]);
        }
        int[] groupOfRoot = new int[m];
        Arrays.fill(groupOfRoot, -1);
        List<List<Integer>> members = new ArrayList<>();
        for (int k = 0; k < first.length; k++) {
            int g = find(root, first[k]);
            if (groupOfRoot[g] < 0) {
                groupOfRoot[g] = members.size();
                members.add(new ArrayList<>());
            }
            members.get(groupOfRoot[g]).add(k);
        }
        Group[] groups = new Group[members.size()];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = group(members.get(g).stream().mapToInt(Integer::intValue).toArray(), first, second);
        }
        return new MantelGroups(groups);
    }

    /** The most slots any group's permutation needs. */
    int widest() {
        return Arrays.stream(groups).mapToInt(Group::width).max().orElse(0);
    }

    private static Group group(int[] pairs, int[] first, int[] second) {
        int[] seconds = IntStream.of(pairs).map(k -> second[k]).distinct().sorted().toArray();
        int[] firsts = IntStream.of(pairs).map(k -> first[k]).distinct().sorted().toArray();
        int unitCount = (seconds.length + 1) / 2;
        int firstUnits = (firsts.length + 1) / 2;
        int[] units = new int[2 * unitCount];
        for (int i = 0; i < unitCount; i++) {
            units[2 * i] = seconds[2 * i];
            units[2 * i + 1] = 2 * i + 1 < seconds.length ? seconds[2 * i + 1] : -1;
        }
        // base[unit][first unit]: the call's first slot, -1 where no pair links them
        int[][] base = new int[unitCount][firstUnits];
        for (int[] row : base) {
            Arrays.fill(row, -1);
        }
        for (int k : pairs) {
            base[Arrays.binarySearch(seconds, second[k]) / 2][Arrays.binarySearch(firsts, first[k]) / 2] = 0;
        }
        List<Integer> calls = new ArrayList<>();
        int width = 0;
        for (int u = 0; u < unitCount; u++) {
            for (int j = 0; j < firstUnits; j++) {
                if (base[u][j] == 0) {
                    base[u][j] = width;
                    calls.addAll(List.of(u, firsts[2 * j], 2 * j + 1 < firsts.length ? firsts[2 * j + 1] : -1, width));
                    width += units[2 * u + 1] < 0 ? 2 : 4;
                }
            }
        }
        int[] slots = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            int s = Arrays.binarySearch(seconds, second[pairs[i]]);
            int f = Arrays.binarySearch(firsts, first[pairs[i]]);
            // gatheredPairs' order: (a0, g0), (a1, g0), (a0, g1), (a1, g1); gathered's: (a0, g), (a1, g)
            slots[i] = base[s / 2][f / 2] + 2 * (s % 2) + f % 2;
        }
        return new Group(pairs, slots, width, units, calls.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int find(int[] root, int i) {
        while (root[i] != i) {
            root[i] = root[root[i]];
            i = root[i];
        }
        return i;
    }
}
