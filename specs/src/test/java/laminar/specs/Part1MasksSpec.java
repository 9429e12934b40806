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
        assertThat(masks.sameCategory()).isEqualTo(Golden.booleans2(p.getAsJsonArray("same_cat")));
        assertThat(masks.upperTriangle()).isEqualTo(Golden.booleans2(p.getAsJsonArray("upper_tr")));
        assertThat(masks.within()).isEqualTo(Golden.booleans2(p.getAsJsonArray("within_mask")));
        assertThat(masks.across()).isEqualTo(Golden.booleans2(p.getAsJsonArray("across_mask")));
    }

    @Test
    void pairCountsFollowFromTheCategorySizes() {
        Part1Masks masks = Part1Masks.of(golden.words().categoryCodes());
        // 10, 13 and 11 words: C(10,2) + C(13,2) + C(11,2) within, the rest of C(34,2) across.
        assertThat(masks.withinCount()).isEqualTo(45 + 78 + 55);
        assertThat(masks.acrossCount()).isEqualTo(561 - 178);
    }
}
