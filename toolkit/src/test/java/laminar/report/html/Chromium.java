package laminar.report.html;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it) driven from the command line: the
 * DOM after the page's scripts ran ({@code --dump-dom}, with virtual time so the self-test's timers fire) and
 * screenshots. {@code LAMINAR_CHROMIUM} names another binary.
 */
final class Chromium {

    private static final Pattern VERDICT = Pattern.compile("<pre id=\"selftest\">(.*?)</pre>", Pattern.DOTALL);

    private final String binary;

    private Chromium(String binary) {
        this.binary = binary;
    }

    /** The browser, or the test is skipped with the reason (only where Chromium cannot be installed). */
    static Chromium require() {
        String env = System.getenv("LAMINAR_CHROMIUM");
        List<String> candidates = env != null ? List.of(env) : List.of("chromium", "chromium-browser", "google-chrome");
        for (String c : candidates) {
            Path found = onPath(c);
            if (found != null) {
                return new Chromium(found.toString());
            }
        }
        assumeTrue(false, "browser tests skipped: no Chromium on PATH (install it: apt-get install -y chromium;"
                + " .ci/run does)");
        return null;
    }

    private static Path onPath(String name) {
        if (name.contains("/")) {
            return Files.isExecutable(Path.of(name)) ? Path.of(name) : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Opens {@code page#selftest} and returns the verdict the page wrote into {@code <pre id="selftest">}. */
    JsonObject selftest(Path page) throws IOException, InterruptedException {
        String dom = run(List.of("--virtual-time-budget=10000", "--dump-dom", page.toUri() + "#selftest"));
        Matcher m = VERDICT.matcher(dom);
        if (!m.find() || m.group(1).isBlank()) {
            throw new AssertionError("the page wrote no self-test verdict; DOM starts: "
                    + dom.substring(0, Math.min(400, dom.length())));
        }
        String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return JsonParser.parseString(json).getAsJsonObject();
    }

    /** A screenshot of {@code page} at {@code width × height} CSS pixels. */
    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--virtual-time-budget=10000", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()));
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("laminar-chromium");
        List<String> cmd = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile));
        cmd.addAll(args);
        Path out = Files.createTempFile("laminar-chromium", ".out");
        Path err = Files.createTempFile("laminar-chromium", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 180 s: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("chromium exited " + p.exitValue() + ": " + Files.readString(err));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
