package laminar.kernels;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The float32 fast path of the Fisher-z transform against the accurate one. */
class FisherZFloatTest {

    @Test
    void agreesWithTheAccurateTransformToAFloat32Ulp() {
        SplittableRandom rnd = new SplittableRandom(7);
        int differing = 0;
        for (int i = 0; i < 1_000_000; i++) {
            float r = (float) (rnd.nextDouble(-1, 1) * (i % 3 == 0 ? 1e-6 : 1));
            float fast = FisherZ.ofFloat(r);
            float exact = (float) FisherZ.of(r);
            assertThat(Math.abs(fast - exact)).as("r = %s", r).isLessThanOrEqualTo(Math.ulp(exact));
            differing += fast != exact ? 1 : 0;
        }
        assertThat(differing).as("values a float32 ulp apart").isLessThan(1_000);
    }

    @Test
    void clipsAndKeepsNaNAsTheAccurateTransform() {
        assertThat(FisherZ.ofFloat(1f)).isEqualTo((float) FisherZ.of(1.0));
        assertThat(FisherZ.ofFloat(-1.5f)).isEqualTo((float) FisherZ.of(-1.0));
        assertThat(FisherZ.ofFloat(Float.NaN)).isNaN();
        assertThat(FisherZ.ofFloat(0f)).isZero();
        assertThat(FisherZ.ofFloat(-0.75f)).isEqualTo(-FisherZ.ofFloat(0.75f));
    }
}
