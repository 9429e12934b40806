package laminar.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Part1MasksTest {

    @Test
    void unsortedCategoriesGiveMasksByEqualityNotByPosition() {
        int[] cats = {2, 0, 2, 1, 0};
        Part1Masks m = Part1Masks.of(cats);
        int n = cats.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean same = cats[i] == cats[j];
                assertThat(m.sameCategory()[i * n + j]).isEqualTo(same);
                assertThat(m.within()[i * n + j]).isEqualTo(same && j > i);
                assertThat(m.across()[i * n + j]).isEqualTo(!same && j > i);
            }
        }
        assertThat(m.withinCount()).isEqualTo(2); // (0,2) and (1,4)
        assertThat(m.acrossCount()).isEqualTo(10 - 2);
    }
}
