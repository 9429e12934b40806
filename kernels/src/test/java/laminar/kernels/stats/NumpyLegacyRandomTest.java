package laminar.kernels.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import laminar.kernels.Fixtures;
import org.junit.jupiter.api.Test;

class NumpyLegacyRandomTest {

    private static long[] key(JsonObject c) {
        var a = c.getAsJsonArray("key");
        long[] k = new long[a.size()];
        int i = 0;
        for (JsonElement e : a) {
            k[i++] = e.getAsLong();
        }
        return k;
    }

    @Test
    void seedingMatchesNumpyState() {
        for (JsonObject c : Fixtures.cases("stats/numpy-random.json")) {
            MersenneTwister mt = c.get("seed").isJsonNull() ? MersenneTwister.ofKey(key(c))
                    : MersenneTwister.ofSeed(c.get("seed").getAsLong());
            long[] head = Fixtures.longs(c, "state_head");
            for (int i = 0; i < head.length; i++) {
                assertThat(mt.stateWord(i)).as("%s word %d", c.get("seed"), i).isEqualTo(head[i]);
            }
            assertThat(mt.stateWord(623)).isEqualTo(c.get("state_last").getAsLong());
        }
    }

    @Test
    void drawsMatchNumpy() {
        for (JsonObject c : Fixtures.cases("stats/numpy-random.json")) {
            boolean intSeed = !c.get("seed").isJsonNull();
            NumpyLegacyRandom u = intSeed ? new NumpyLegacyRandom(c.get("seed").getAsLong())
                    : NumpyLegacyRandom.ofKey(key(c));
            NumpyLegacyRandom s = intSeed ? new NumpyLegacyRandom(c.get("seed").getAsLong())
                    : NumpyLegacyRandom.ofKey(key(c));
            double[] first = Fixtures.doubles(c, "uniform_first");
            if (intSeed) {
                double[] all = u.uniform(-1, 1, 1300);
                assertThat(java.util.Arrays.copyOf(all, first.length)).containsExactly(first);
                // Past the first regeneration of the 624-word state.
                assertThat(all[1299]).isEqualTo(Fixtures.number(c, "uniform_1299"));
                NumpyLegacyRandom reversed = new NumpyLegacyRandom(c.get("seed").getAsLong());
                assertThat(reversed.uniform(3.5, -2.0, 3)).containsExactly(Fixtures.doubles(c, "uniform_3.5_-2"));
            } else {
                assertThat(u.uniform(-1, 1, first.length)).containsExactly(first);
            }
            double[] sample = Fixtures.doubles(c, "random_sample");
            for (double expected : sample) {
                assertThat(s.randomSample()).isEqualTo(expected);
            }
        }
    }

    @Test
    void knownFirstDraws() {
        // np.random.seed(0); np.random.random_sample() -> 0.5488135039273248
        assertThat(new NumpyLegacyRandom(0).randomSample()).isEqualTo(0.5488135039273248);
        NumpyLegacyRandom r = new NumpyLegacyRandom(0);
        assertThat(r.uniform(-1, 1)).isEqualTo(0.0976270078546495);
        assertThat(r.uniform(-1, 1)).isEqualTo(0.43037873274483895);
    }

    @Test
    void rejectsSeedsNumpyRejects() {
        assertThatThrownBy(() -> new NumpyLegacyRandom(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NumpyLegacyRandom(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NumpyLegacyRandom.ofKey()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NumpyLegacyRandom(1).uniform(-1e308, 1e308, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
