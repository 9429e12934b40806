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
