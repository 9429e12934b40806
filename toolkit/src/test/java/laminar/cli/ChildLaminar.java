package laminar.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * laminar's command line in a child JVM (this JDK, the test class path, the launcher's flags), for what needs a
 * process of its own: another working directory or home folder, a real signal, a real race between processes.
 */
final class ChildLaminar {

    /** The golden inputs, absolute (a child may run in another working directory). */
    static final Path GOLDEN_ACTIVATIONS = Path.of("..", "golden", "values", "notebook-34", "activations.safetensors")
            .toAbsolutePath().normalize();
    static final Path GOLDEN_WORDS = Path.of("..", "golden", "words", "notebook-34.tsv").toAbsolutePath().normalize();
    static final Path BUNDLED = MainTest.BUNDLED.toAbsolutePath().normalize();

    private final ProcessBuilder builder;
    private final Path stderr;

    private ChildLaminar(ProcessBuilder builder, Path stderr) {
        this.builder = builder;
        this.stderr = stderr;
    }

    /**
     * A child running {@code laminar <args>} in {@code workDir}, its stderr going to {@code stderr}.
     *
     * @param jvmArgs extra JVM options (e.g. {@code -Duser.home=...})
     */
    static ChildLaminar of(Path workDir, Path stderr, List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-Dai.djl.offline=true", "-Djava.awt.headless=true"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", classPath(), "laminar.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
        return new ChildLaminar(pb, stderr);
    }

    /** The child's environment, to change before {@link #start()}. */
    Map<String, String> environment() {
        return builder.environment();
    }

    Process start() throws IOException {
        return builder.start();
    }

    /** Runs the child to its end (at most two minutes) and returns its exit code. */
    int run() throws IOException, InterruptedException {
        return waitFor(start());
    }

    static int waitFor(Process p) throws InterruptedException {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child laminar did not finish within two minutes");
        }
        return p.exitValue();
    }

    /** What the child wrote on stderr (without the JVM's own warnings). */
    String err() throws IOException {
        return Files.readAllLines(stderr, StandardCharsets.UTF_8).stream().filter(l -> !l.startsWith("WARNING:"))
                .collect(Collectors.joining("\n"));
    }

    /** Waits until a staging folder of {@code target} appears beside it; returns it. */
    static Path awaitStaging(Path target, Process p) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<Path> staging = staging(target);
            if (!staging.isEmpty()) {
                return staging.getFirst();
            }
            if (!p.isAlive()) {
                throw new AssertionError("child ended (exit " + p.exitValue() + ") before staging its output");
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no staging folder of " + target + " appeared");
    }

    /** The staging folders of {@code target} beside it. */
    static List<Path> staging(Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".partial-";
        try (Stream<Path> s = Files.list(target.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    /** The test class path with absolute entries (surefire's own when it runs through a manifest-only jar). */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(e -> !e.isBlank())
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }
}
