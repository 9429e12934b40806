package laminar.specs;

import com.google.gson.JsonObject;
import laminar.analysis.Part1Masks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Part 1: the same-category, upper-triangular, within and across masks equal the notebook's. */
class Part1MasksSpec {

    private final Golden golden = Golden.notebook34();

    @Test
    void masksEqualTheNotebooks() {
        JsonObject p = golden.json("part1");
        Part1Masks masks = Part1Masks.of(golden.words().categoryCodes());
        assertThat(masks.n()).isEqualTo(34);
        sameMask(masks.sameCategory(), Golden.booleans2(p.getAsJsonArray("same_cat")), masks.n(), "same_cat");
        sameMask(masks.upperTriangle(), Golden.booleans2(p.getAsJsonArray("upper_tr")), masks.n(), "upper_tr");
        sameMask(masks.within(), Golden.booleans2(p.getAsJsonArray("within_mask")), masks.n(), "within_mask");
        sameMask(masks.across(), Golden.booleans2(p.getAsJsonArray("across_mask")), masks.n(), "across_mask");
    }

    @Test
    void pairCountsFollowFromTheCategorySizes() {
        Part1Masks masks = Part1Masks.of(golden.words().categoryCodes());
        // 10, 13 and 11 words: C(10,2) + C(13,2) + C(11,2) within, the rest of C(34,2) across.
        assertThat(masks.withinCount()).isEqualTo(45 + 78 + 55);
        assertThat(masks.acrossCount()).isEqualTo(561 - 178);
    }

    /** Equal masks; on a difference, names the first differing pair (i, j) instead of printing 1,156 booleans. */
    private static void sameMask(boolean[] actual, boolean[] expected, int n, String what) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int at = 0; at < expected.length; at++) {
            assertThat(actual[at]).as("%s[%d][%d]", what, at / n, at % n).isEqualTo(expected[at]);
        }
    }
}
