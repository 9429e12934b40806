package laminar.kernels;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The words in block order and each row's within / across ranges, against the definitions written out. */
class CategoryBlocksTest {

    @Test
    void blocksFollowEachCategorysFirstWordAndKeepTheWordsOrder() {
        CategoryBlocks b = CategoryBlocks.of(new int[] {2, 0, 2, 1, 0, 2});
        assertThat(b.order()).containsExactly(0, 2, 5, 1, 4, 3);
        assertThat(b.block()).containsExactly(0, 1, 0, 2, 1, 0);
        assertThat(b.start()).containsExactly(0, 3, 5);
        assertThat(b.end()).containsExactly(3, 5, 6);
        assertThat(b.contiguous()).isFalse();
        assertThat(b.inBlockOrder(new float[] {10, 11, 12, 13, 14, 15, 20, 21, 22, 23, 24, 25}, 2))
                .containsExactly(10, 12, 15, 11, 14, 13, 20, 22, 25, 21, 24, 23);
    }

    @Test
    void contiguousCategoriesInAnyCodeOrderKeepTheWordsOwnOrder() {
        float[] rows = {1, 2, 3, 4, 5};
        CategoryBlocks b = CategoryBlocks.of(new int[] {1, 1, 0, 0, 2});
        assertThat(b.contiguous()).isTrue();
        assertThat(b.order()).containsExactly(0, 1, 2, 3, 4);
        assertThat(b.inBlockOrder(rows, 1)).isSameAs(rows);
    }

    @Test
    void eachRowsRangesHoldExactlyItsWithinAndAcrossWordsAfterIt() {
        Random r = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + r.nextInt(40);
            int c = 1 + r.nextInt(5);
            int[] codes = new int[n];
            for (int i = 0; i < n; i++) {
                codes[i] = trial % 2 == 0 ? r.nextInt(c) : i * c / n; // random, then contiguous
            }
            CategoryBlocks b = CategoryBlocks.of(codes);
            int[] first = b.start().clone();
            int[] ranges = new int[2 * b.blocks()];
            for (int u = 0; u < n; u++) {
                b.after(u, first);
                List<Integer> within = new ArrayList<>();
                for (int p = first[b.block()[u]]; p < b.end()[b.block()[u]]; p++) {
                    within.add(b.order()[p]);
                }
                List<Integer> across = new ArrayList<>();
                int spans = b.acrossRanges(u, first, ranges);
                for (int s = 0; s < spans; s++) {
                    assertThat(ranges[2 * s]).isLessThan(ranges[2 * s + 1]);
                    if (s > 0) {
                        assertThat(ranges[2 * s]).as("ranges apart, in order").isGreaterThan(ranges[2 * s - 1]);
                    }
                    for (int p = ranges[2 * s]; p < ranges[2 * s + 1]; p++) {
                        across.add(b.order()[p]);
                    }
                }
                List<Integer> expectedWithin = new ArrayList<>();
                List<Integer> expectedAcross = new ArrayList<>();
                for (int v = u + 1; v < n; v++) {
                    (codes[v] == codes[u] ? expectedWithin : expectedAcross).add(v);
                }
                assertThat(within).containsExactlyElementsOf(expectedWithin);
                assertThat(across).containsExactlyInAnyOrderElementsOf(expectedAcross);
                if (b.contiguous()) {
                    assertThat(spans).as("contiguous: one across range at most").isLessThanOrEqualTo(1);
                }
            }
        }
    }
}
