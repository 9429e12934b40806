package laminar.analysis.inference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The calibration test's Student tail against scipy.stats.t.sf (scipy 1.10.1). */
class StudentTailTest {

    @Test
    void matchesScipy() {
        // scipy.stats.t.sf(t, df) for (t, df)
        assertThat(StudentTail.upper(2.0, 64)).isCloseTo(0.024873945696862635, within(1e-10));
        assertThat(StudentTail.upper(0.5, 10)).isCloseTo(0.31394680287148646, within(1e-10));
        assertThat(StudentTail.upper(-1.0, 30)).isCloseTo(0.8373456922869851, within(1e-10));
        assertThat(StudentTail.upper(3.5, 274)).isCloseTo(0.0002714402734620367, within(1e-12));
    }
}
