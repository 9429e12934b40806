package laminar.cli;

import laminar.report.OutputDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static laminar.cli.ChildLaminar.BUNDLED;
import static laminar.cli.ChildLaminar.GOLDEN_ACTIVATIONS;
import static laminar.cli.ChildLaminar.GOLDEN_WORDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The output folder rules that need processes of their own: a child JVM running laminar in a folder, with another
 * home folder, racing another child, or killed by a real signal. Children run {@code analyze} (no libtorch) except
 * one {@code run}.
 */
class OutputFolderProcessTest {

    @TempDir
    Path tmp;

    /** A folder laminar wrote (so that only the folder's role can make --force refuse it), with a file in it. */
    private Path laminarFolder(String name) throws Exception {
        Path dir = tmp.resolve(name);
        try (OutputDirectory o = OutputDirectory.open(dir, false)) {
            Files.writeString(o.path().resolve("precious.txt"), "keep");
            o.commit();
        }
        return dir;
    }

    private ChildLaminar analyze(Path workDir, List<String> jvmArgs, String out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("analyze", "--activations", GOLDEN_ACTIVATIONS.toString(),
                "--words", GOLDEN_WORDS.toString(), "--out", out));
        args.addAll(List.of(more));
        return ChildLaminar.of(workDir, tmp.resolve("err-" + System.nanoTime() + ".txt"), jvmArgs,
                args.toArray(String[]::new));
    }

    @Test
    void theWorkingDirectoryAndTheFoldersAboveItAreNeverReplaced() throws Exception {
        Path cwd = laminarFolder("project");
        ChildLaminar here = analyze(cwd, List.of(), ".", "--force", "--no-figures");
        assertThat(here.run()).as(here.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(here.err()).startsWith("laminar: --out . is the working directory; laminar never replaces such a"
                + " folder, even with --force: give a new folder, e.g. --out results");
        Path sub = Files.createDirectory(cwd.resolve("sub"));
        ChildLaminar above = analyze(sub, List.of(), "..", "--force", "--no-figures");
        assertThat(above.run()).as(above.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(above.err()).startsWith("laminar: --out .. holds the working directory");
        assertThat(cwd.resolve("precious.txt")).hasContent("keep");
    }

    @Test
    void theHomeFolderAndTheFoldersAboveItAreNeverReplaced() throws Exception {
        Path home = laminarFolder("home");
        Path elsewhere = Path.of("").toAbsolutePath(); // not under tmp: the working directory must not be the reason
        List<String> fakeHome = List.of("-Duser.home=" + home);
        ChildLaminar child = analyze(elsewhere, fakeHome, home.toString(), "--force", "--no-figures");
        child.environment().put("HOME", home.toString());
        assertThat(child.run()).as(child.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(child.err()).startsWith("laminar: --out " + home + " is your home folder");
        // $HOME alone (user.home elsewhere) protects it too, and a folder above it
        ChildLaminar envOnly = analyze(elsewhere, List.of(), home.getParent().toString(), "--force", "--no-figures");
        envOnly.environment().put("HOME", home.toString());
        assertThat(envOnly.run()).as(envOnly.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(envOnly.err()).contains("holds your home folder");
        assertThat(home.resolve("precious.txt")).hasContent("keep");
    }

    @Test
    void theHubCacheAHubModelIsReadFromIsNeverReplaced() throws Exception {
        Path cache = laminarFolder("hub-cache");
        ChildLaminar child = ChildLaminar.of(tmp, tmp.resolve("err-hub.txt"), List.of(), "run", "--model", "gpt2",
                "--out", cache.toString(), "--force");
        child.environment().put("HF_HUB_CACHE", cache.toString());
        child.environment().put("HF_HUB_OFFLINE", "1"); // were the check missing, no download either
        assertThat(child.run()).as(child.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(child.err()).startsWith("laminar: --out " + cache + " is the input " + cache);
        assertThat(cache.resolve("precious.txt")).hasContent("keep");
    }

    @Test
    void twoProcessesWritingOneOutputExactlyOneWins() throws Exception {
        Path out = tmp.resolve("out");
        ChildLaminar a = analyze(tmp, List.of(), out.toString(), "--no-figures");
        ChildLaminar b = analyze(tmp, List.of(), out.toString(), "--no-figures");
        Process pa = a.start();
        Process pb = b.start();
        int ca = ChildLaminar.waitFor(pa);
        int cb = ChildLaminar.waitFor(pb);
        assertThat(List.of(ca, cb)).as(a.err() + "\n---\n" + b.err()).containsExactlyInAnyOrder(Main.OK, Main.BAD_INPUT);
        String loser = ca == Main.OK ? b.err() : a.err();
        // Which message depends on the timing: refused at open (the winner had committed) or at commit.
        assertThat(loser).containsAnyOf("already exists; use --force", "another run wrote " + out);
        assertThat(out.resolve("results.json")).exists();
        assertThat(ChildLaminar.staging(out)).isEmpty();
    }

    @Test
    void sigtermDuringARunRemovesItsStaging() throws Exception {
        Path out = tmp.resolve("run-out");
        ChildLaminar child = ChildLaminar.of(tmp, tmp.resolve("err.txt"), List.of(), "run", "--model",
                BUNDLED.toString(), "--out", out.toString(), "--quiet");
        Process p = child.start();
        Path staging = ChildLaminar.awaitStaging(out, p);
        p.destroy(); // SIGTERM
        assertThat(ChildLaminar.waitFor(p)).as(child.err()).isEqualTo(128 + 15);
        assertThat(staging).doesNotExist();
        assertThat(out).doesNotExist();
        assertThat(ChildLaminar.staging(out)).isEmpty();
    }

    @Test
    void sigintDuringAnAnalysisRemovesItsStaging() throws Exception {
        Path out = tmp.resolve("out");
        ChildLaminar child = analyze(tmp, List.of(), out.toString());
        Process p = child.start();
        assumeFalse(ignoresSigint(p.pid()), "SIGINT is ignored in this environment (inherited), as in a nohup job");
        Path staging = ChildLaminar.awaitStaging(out, p);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertThat(kill.waitFor()).isZero();
        assertThat(ChildLaminar.waitFor(p)).as(child.err()).isEqualTo(128 + 2);
        assertThat(staging).doesNotExist();
        assertThat(out).doesNotExist();
    }

    @Test
    void kill9LeavesStagingThatTheNextRunBesideItRemoves() throws Exception {
        Path out = tmp.resolve("out");
        ChildLaminar child = analyze(tmp, List.of(), out.toString());
        Process p = child.start();
        Path staging = ChildLaminar.awaitStaging(out, p);
        p.destroyForcibly(); // SIGKILL: no hook runs
        assertThat(ChildLaminar.waitFor(p)).isEqualTo(128 + 9);
        assertThat(staging).as("kill -9 leaves the staging folder").exists();
        Path next = tmp.resolve("out2");
        MainTest.Outcome o = MainTest.run("analyze", "--activations", GOLDEN_ACTIVATIONS.toString(), "--words",
                GOLDEN_WORDS.toString(), "--out", next.toString(), "--no-figures");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("laminar: removed " + staging + ", left by a run that was killed (process "
                + p.pid() + " is gone)");
        assertThat(staging).doesNotExist();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains(".partial-"));
        }
    }

    /** Whether {@code pid} ignores SIGINT (bit 2 of SigIgn), as a child of a shell's background job would. */
    private static boolean ignoresSigint(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }
}
