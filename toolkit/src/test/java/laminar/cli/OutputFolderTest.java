package laminar.cli;

import laminar.report.OutputDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static laminar.cli.ChildLaminar.BUNDLED;
import static laminar.cli.ChildLaminar.GOLDEN_ACTIVATIONS;
import static laminar.cli.ChildLaminar.GOLDEN_WORDS;
import static laminar.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's output folder rules, in this JVM: every cheap check before any model work, no folder replaced
 * that laminar did not write or that holds an input, and no output committed when not all of it could be written.
 * (Working directory, home folder, races and signals need child processes: {@link OutputFolderProcessTest}.)
 */
class OutputFolderTest {

    /** A model argument that fails if it is ever resolved: the checks below must come first. */
    private static String missingModel(Path tmp) {
        return tmp.resolve("no-such-model").toString();
    }

    @Test
    void anUnknownBackendIsRefusedBeforeTheModelOrTheOutput(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("o"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        MainTest.Outcome o = run("run", "--model", missingModel(tmp), "--backend", "nosuch", "--out", out.toString());
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err()).startsWith("laminar: no kernel backend named 'nosuch'").doesNotContain("no-such-model");
        MainTest.Outcome a = run("analyze", "--activations", tmp.resolve("none").toString(), "--backend", "nosuch",
                "--out", tmp.resolve("a").toString());
        assertThat(a.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(a.err()).contains("no kernel backend named 'nosuch'");
    }

    @Test
    void anExistingOutputIsRefusedBeforeTheModelIsResolved(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("o"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        MainTest.Outcome o = run("run", "--model", missingModel(tmp), "--out", out.toString());
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err()).contains("already exists and was not written by laminar").contains("not even --force")
                .doesNotContain("no-such-model");
        MainTest.Outcome f = run("run", "--model", missingModel(tmp), "--out", out.toString(), "--force");
        assertThat(f.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(f.err()).contains("was not written by laminar").doesNotContain("no-such-model");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeTheModelIsResolved(@TempDir Path tmp) throws Exception {
        Path locked = tmp.resolve("locked");
        if (Tmpfs.root()) { // root ignores permissions: a read-only filesystem is what stops it
            try (Tmpfs ro = Tmpfs.mount(locked, "ro,size=1m")) {
                assertUnwritable(tmp, ro.dir());
            }
        } else {
            Files.createDirectories(locked);
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
            assertUnwritable(tmp, locked);
        }
    }

    private static void assertUnwritable(Path tmp, Path locked) {
        MainTest.Outcome o = run("run", "--model", missingModel(tmp), "--out", locked.resolve("out").toString());
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err()).startsWith("laminar: cannot create output directory next to " + locked.resolve("out"))
                .contains(Tmpfs.root() ? "Read-only file system" : "Permission denied")
                .contains("choose another --out").doesNotContain("no-such-model");
    }

    @Test
    void theRootIsNeverReplacedAndSaysSoWithExitTwo(@TempDir Path tmp) {
        for (String root : new String[] {"/", "/.."}) {
            MainTest.Outcome o = run("run", "--model", missingModel(tmp), "--out", root, "--force");
            assertThat(o.code()).as(o.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err()).startsWith("laminar: --out " + root + " is the root folder")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void aFolderHoldingAnInputIsNeverReplaced(@TempDir Path tmp) throws Exception {
        // A laminar output holding the activations an analysis reads: --force must not delete the only copy.
        Path out = tmp.resolve("run1");
        try (OutputDirectory o = OutputDirectory.open(out, false)) {
            Files.copy(GOLDEN_ACTIVATIONS, o.path().resolve("activations.safetensors"));
            o.commit();
        }
        Path acts = out.resolve("activations.safetensors");
        MainTest.Outcome a = run("analyze", "--activations", acts.toString(), "--words", GOLDEN_WORDS.toString(),
                "--out", out.toString(), "--force");
        assertThat(a.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(a.err()).contains("--out " + out + " holds the input " + acts).contains("even with --force");
        assertThat(acts).exists();
        // The model's own folder, and the folder of the words file.
        MainTest.Outcome r = run("run", "--model", BUNDLED.toString(), "--out", BUNDLED.toString(), "--force");
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("is the input " + BUNDLED);
        MainTest.Outcome w = run("analyze", "--activations", GOLDEN_ACTIVATIONS.toString(), "--words",
                GOLDEN_WORDS.toString(), "--out", GOLDEN_WORDS.getParent().toString(), "--force");
        assertThat(w.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(w.err()).contains("holds the input " + GOLDEN_WORDS);
        assertThat(BUNDLED.resolve("model.safetensors")).exists();
    }

    @Test
    void demoFollowsTheSameRuleAsRun(@TempDir Path tmp) throws Exception {
        Path results = Files.createDirectories(tmp.resolve("results/exp1"));
        Files.writeString(results.resolve("summary.csv"), "mine");
        String home = System.getProperty("laminar.home");
        System.setProperty("laminar.home", BUNDLED.getParent().getParent().getParent().toString());
        try {
            MainTest.Outcome o = run("demo", "--out", tmp.resolve("results").toString());
            assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err()).contains("already exists and was not written by laminar");
            MainTest.Outcome f = run("demo", "--out", tmp.resolve("results").toString(), "--force");
            assertThat(f.code()).isEqualTo(Main.BAD_INPUT);
            assertThat(f.err()).contains("was not written by laminar");
        } finally {
            if (home == null) {
                System.clearProperty("laminar.home");
            } else {
                System.setProperty("laminar.home", home);
            }
        }
        assertThat(results.resolve("summary.csv")).hasContent("mine");
    }

    @Test
    void aFullDiskDuringFiguresCommitsNothingAndExitsTwo(@TempDir Path tmp) throws Exception {
        // 1 MiB: results.json and the CSVs would fit, the figures (about 4 MB) do not.
        try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), "size=1m")) {
            Path out = disk.dir().resolve("out");
            MainTest.Outcome o = run("analyze", "--activations", GOLDEN_ACTIVATIONS.toString(), "--words",
                    GOLDEN_WORDS.toString(), "--out", out.toString());
            assertThat(o.code()).as(o.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err()).containsPattern("laminar: \\d+ of 12 figures failed \\(")
                    .contains("No space left on device").contains("nothing was written to " + out)
                    .contains("free disk space");
            assertThat(entries(disk.dir())).as("no output, no staging").isEmpty();
        }
    }

    @Test
    void aFullDiskWhileWritingResultsOrActivationsCommitsNothingAndExitsTwo(@TempDir Path tmp) throws Exception {
        try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), "size=64k")) { // results.json alone is ~130 kB
            Path out = disk.dir().resolve("out");
            MainTest.Outcome o = run("analyze", "--activations", GOLDEN_ACTIVATIONS.toString(), "--words",
                    GOLDEN_WORDS.toString(), "--out", out.toString(), "--no-figures");
            assertThat(o.code()).as(o.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err()).contains("laminar: could not write results.json and the CSV tables (No space left on"
                    + " device); nothing was written to " + out + ": free disk space or choose another --out");
            assertThat(entries(disk.dir())).isEmpty();
            // run: activations.safetensors (~1.9 MB for the bundled checkpoint) is the first file to fail
            MainTest.Outcome r = run("run", "--model", BUNDLED.toString(), "--out", out.toString(), "--quiet",
                    "--no-figures");
            assertThat(r.code()).as(r.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err()).contains("laminar: could not write activations.safetensors (No space left on device)");
            assertThat(entries(disk.dir())).isEmpty();
        }
    }

    private static List<String> entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
