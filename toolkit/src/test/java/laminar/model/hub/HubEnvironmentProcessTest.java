package laminar.model.hub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hub's environment variables as a user sets them, through the real command line in a real process: a bad
 * value ends with exit 2 and one line naming the variable, before anything is downloaded or written.
 */
class HubEnvironmentProcessTest {

    @TempDir
    Path tmp;

    record Outcome(int code, String err) {
    }

    private Outcome laminar(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 4];
        command[0] = java;
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = "laminar.cli.Main";
        System.arraycopy(args, 0, command, 4, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("HF_"));
        pb.environment().put("HF_HUB_CACHE", tmp.resolve("hub").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), out);
    }

    @Test
    @Timeout(120)
    void badHubVariablesExitWithTwoNamingTheVariable() throws Exception {
        Path out = tmp.resolve("out");
        Outcome endpoint = laminar(Map.of("HF_ENDPOINT", "file:///etc"), "run", "--model", "gpt2", "--out",
                out.toString(), "--quiet", "--no-figures");
        assertEquals(2, endpoint.code(), endpoint.err());
        assertTrue(endpoint.err().contains("HF_ENDPOINT 'file:///etc' is not an http(s) URL"), endpoint.err());
        assertFalse(endpoint.err().contains("internal error"), endpoint.err());

        Outcome timeout = laminar(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "ten"), "run", "--model", "gpt2", "--out",
                out.toString(), "--quiet", "--no-figures");
        assertEquals(2, timeout.code(), timeout.err());
        assertTrue(timeout.err().contains("HF_HUB_DOWNLOAD_TIMEOUT='ten' is not a number of seconds"), timeout.err());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("hub")), "nothing written into the cache");
    }
}
