package laminar.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CompareBackendsCommandTest {

    private static String[] run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new String[] {Integer.toString(code), buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void aBackendAgreesWithItselfOnEveryKernel() {
        String[] r = run("compare-backends", "--backend", "java", "--words", "7", "--dim", "13", "--layers", "2",
                "--repeats", "1");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("cosine", "pearson", "rsa", "fisher_z", "moments", "moments_fz", "backends agree");
    }

    @Test
    void aWrongBackendIsCaughtAndExitsNonZero() {
        System.setProperty("laminar.test.skewed", "true");
        try {
            String[] r = run("compare-backends", "--backend", "skewed", "--words", "9", "--dim", "5", "--layers", "1",
                    "--repeats", "1");
            assertThat(r[0]).isEqualTo(Integer.toString(Main.INTERNAL_ERROR));
            assertThat(r[1]).containsPattern("cosine +1\\.000e-03").contains("DISAGREE");
        } finally {
            System.clearProperty("laminar.test.skewed");
        }
    }

    @Test
    void chunkedRunsSeeTheSameInputsAndDifferences() {
        // The skewed backend adds 1e-3f to every cosine: the largest relative difference depends on every input
        // value, so one chunk per layer reports exactly the single-chunk run's numbers only if it saw the same rows.
        System.setProperty("laminar.test.skewed", "true");
        try {
            // 300 words: one layer's three 300 x 300 results are 1.03 MiB, so 1 MiB means one layer per chunk.
            String[] whole = run("compare-backends", "--backend", "skewed", "--words", "300", "--dim", "5",
                    "--layers", "3", "--repeats", "1");
            String[] chunked = run("compare-backends", "--backend", "skewed", "--words", "300", "--dim", "5",
                    "--layers", "3", "--repeats", "1", "--chunk-mib", "1");
            assertThat(whole[1]).contains("1 chunk(s) of <= 3 layers");
            assertThat(chunked[1]).contains("3 chunk(s) of <= 1 layers");
            assertThat(differences(chunked[1])).hasSize(6).isEqualTo(differences(whole[1]));
            assertThat(chunked[0]).isEqualTo(Integer.toString(Main.INTERNAL_ERROR));
            assertThat(CompareBackendsCommand.layersPerChunk(9, 5, 4, 1)).isEqualTo(4);
            assertThat(CompareBackendsCommand.layersPerChunk(2000, 1600, 48, 256)).isEqualTo(5);
            assertThat(CompareBackendsCommand.layersPerChunk(2000, 1600, 48, 1)).isEqualTo(1);
        } finally {
            System.clearProperty("laminar.test.skewed");
        }
        String[] r = run("compare-backends", "--backend", "java", "--words", "7", "--dim", "13", "--layers", "3",
                "--repeats", "1", "--chunk-mib", "0");
        assertThat(r[0]).isEqualTo(Integer.toString(Main.BAD_INPUT));
    }

    /** The kernel name and the two difference columns of each result line. */
    private static java.util.List<String> differences(String output) {
        return output.lines().filter(l -> l.matches("^(cosine|pearson|rsa|fisher_z|moments|moments_fz) .*"))
                .map(l -> String.join(" ", java.util.Arrays.asList(l.trim().split(" +")).subList(0, 3))).toList();
    }

    @Test
    void withoutASecondBackendItSaysHowToGetOne() {
        String[] r = run("compare-backends", "--words", "4", "--dim", "3", "--layers", "1");
        assertThat(r[0]).isEqualTo(Integer.toString(Main.BAD_INPUT));
    }

    @Test
    void anUnknownBackendIsRefusedBeforeTheActivationsAreRead() {
        for (String option : new String[] {"--backend", "--baseline"}) {
            MainTest.Outcome o = MainTest.run("compare-backends", option, "nosuch", "--activations",
                    "/no/such/activations.safetensors");
            assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err()).contains("no kernel backend named 'nosuch'").doesNotContain("activations.safetensors");
        }
    }

    @Test
    void differencesCountANaNOnOneSideAsInfinite() {
        assertThat(CompareBackendsCommand.difference(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThat(CompareBackendsCommand.difference(new float[] {1f, 2f}, new float[] {1f, 2.5f})[0]).isEqualTo(0.5);
    }
}
