package laminar.json;

import laminar.LaminarException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Typed fields: nothing is coerced, every refusal names the source and the field. */
class JsonFieldsTest {

    private static JsonFields fields(String json) {
        return new JsonFields("c.json", StrictJson.parseObject(json, "c.json", "fix"), "fix c.json");
    }

    private static String refused(Runnable r) {
        return assertThrows(LaminarException.class, r::run).getMessage();
    }

    @Test
    void booleansAreTrueOrFalseOnly() {
        assertThat(fields("{\"b\": false}").bool("b", true)).isFalse();
        assertThat(fields("{}").bool("b", true)).isTrue();
        assertThat(refused(() -> fields("{\"b\": 1}").bool("b", true)))
                .isEqualTo("c.json: b must be true or false, got 1; fix c.json");
        assertThat(refused(() -> fields("{\"b\": \"maybe\"}").bool("b", true))).contains("got \"maybe\"");
        assertThat(refused(() -> fields("{\"b\": {}}").bool("b", true))).contains("got {}");
        assertThat(refused(() -> fields("{\"b\": null}").bool("b", true))).contains("got null");
    }

    @Test
    void integersAreIntegralAndInRange() {
        assertThat(fields("{\"n\": 12}").integer("n", 1, 1, 100)).isEqualTo(12);
        assertThat(fields("{\"n\": 12.0}").integer("n", 1, 1, 100)).isEqualTo(12);
        assertThat(fields("{\"n\": 1.2e1}").integer("n", 1, 1, 100)).isEqualTo(12);
        assertThat(refused(() -> fields("{\"n\": 12.5}").integer("n", 1, 1, 100))).contains("n must be an integer");
        assertThat(refused(() -> fields("{\"n\": \"12\"}").integer("n", 1, 1, 100))).contains("n must be a number");
        assertThat(refused(() -> fields("{\"n\": -1}").integer("n", 1, 1, 100)))
                .contains("n must be an integer from 1 to 100, got -1");
        assertThat(refused(() -> fields("{\"n\": 1e300}").integer("n", 1, 1, 100))).contains("from 1 to 100");
        assertThat(refused(() -> fields("{\"n\": 1e-999999999}").integer("n", 1, 1, 100))).contains("integer");
    }

    @Test
    void floatsAreFiniteAndPositiveWhereAsked() {
        assertThat(fields("{\"e\": 1e-5}").positive("e", 1)).isEqualTo(1e-5);
        assertThat(refused(() -> fields("{\"e\": 0}").positive("e", 1))).contains("e must be greater than 0, got 0");
        assertThat(refused(() -> fields("{\"e\": -1e-5}").positive("e", 1))).contains("greater than 0");
        assertThat(refused(() -> fields("{\"e\": 1e400}").finite("e", 1))).contains("e must be a finite number");
        assertThat(refused(() -> fields("{\"e\": true}").finite("e", 1))).contains("e must be a number, got true");
    }

    @Test
    void stringsAreStrings() {
        assertThat(fields("{\"s\": \"gpt2\"}").string("s", null)).isEqualTo("gpt2");
        assertThat(refused(() -> fields("{\"s\": [\"gpt2\"]}").string("s", null)))
                .isEqualTo("c.json: s must be a string, got [\"gpt2\"]; fix c.json");
    }
}
