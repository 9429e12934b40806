package laminar.figures.parts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Part3aFigureTest {

    @Test
    void sortedWordsKeepTheirOrderAndBoundariesFallBetweenCategories() {
        int[] codes = {0, 0, 0, 1, 1, 2, 2, 2};
        assertThat(Part3aFigure.displayOrder(codes)).isNull();
        // the notebook's (labels==1).sum()-.5 and (labels<3).sum()-.5
        assertThat(Part3aFigure.boundaries(codes, null)).containsExactly(2.5, 4.5);
    }

    @Test
    void unsortedWordsAreSortedStablyByCategory() {
        int[] codes = {1, 0, 2, 0, 1, 2, 0};
        int[] order = Part3aFigure.displayOrder(codes);
        assertThat(order).containsExactly(1, 3, 6, 0, 4, 2, 5);
        assertThat(Part3aFigure.boundaries(codes, order)).containsExactly(2.5, 4.5);
    }

    @Test
    void categoriesNeedNotBeNumberedInOrderOfTheirBlocks() {
        int[] codes = {2, 2, 0, 0, 1};
        int[] order = Part3aFigure.displayOrder(codes);
        assertThat(order).containsExactly(2, 3, 4, 0, 1);
        assertThat(Part3aFigure.boundaries(codes, order)).containsExactly(1.5, 2.5);
    }
}
