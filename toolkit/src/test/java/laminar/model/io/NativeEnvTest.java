package laminar.model.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NativeEnvTest {

    @Test
    void setsAnAbsentVariableWhereNativeCodeSeesIt() {
        String name = "LAMINAR_NATIVE_ENV_TEST_" + ProcessHandle.current().pid();
        assertThat(NativeEnv.get(name)).isNull();
        assertThat(NativeEnv.setIfAbsent(name, "PASSIVE")).isTrue();
        assertThat(NativeEnv.get(name)).isEqualTo("PASSIVE");
        assertThat(System.getenv(name)).as("Java's snapshot does not change").isNull();
        // a second, different value does not overwrite the first
        assertThat(NativeEnv.setIfAbsent(name, "ACTIVE")).isFalse();
        assertThat(NativeEnv.get(name)).isEqualTo("PASSIVE");
    }

    @Test
    void theUsersOwnSettingWins() {
        String path = System.getenv("PATH");
        assertThat(path).isNotNull();
        assertThat(NativeEnv.setIfAbsent("PATH", "/nowhere")).isFalse();
        assertThat(NativeEnv.get("PATH")).isEqualTo(path);
        assertThat(NativeEnv.setIfAbsent("PATH", path)).isTrue();
    }
}
