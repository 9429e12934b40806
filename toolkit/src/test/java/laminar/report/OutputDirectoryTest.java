package laminar.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputDirectoryTest {

    @Test
    void nothingAppearsUntilCommit(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("out");
        try (OutputDirectory out = OutputDirectory.open(target, false)) {
            Files.writeString(out.path().resolve("a.txt"), "x");
            assertThat(target).doesNotExist();
            out.commit();
        }
        assertThat(target.resolve("a.txt")).hasContent("x");
        assertThat(siblings(tmp)).containsExactly("out");
    }

    @Test
    void aFailedRunLeavesNoTrace(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("out");
        try (OutputDirectory out = OutputDirectory.open(target, false)) {
            Files.writeString(out.path().resolve("half.json"), "{");
            // no commit: as when an exception leaves the try block
        }
        assertThat(target).doesNotExist();
        assertThat(siblings(tmp)).isEmpty();
    }

    @Test
    void anExistingLaminarOutputIsKeptWithoutForceAndReplacedWithIt(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("out");
        commit(target, false, "old.txt");
        assertThatThrownBy(() -> OutputDirectory.open(target, false))
                .isInstanceOf(LaminarException.class).hasMessageContaining("--force");
        assertThat(target.resolve("old.txt")).exists();
        try (OutputDirectory out = OutputDirectory.open(target, true)) {
            Files.writeString(out.path().resolve("new.txt"), "new");
            assertThat(target.resolve("old.txt")).exists();
            out.commit();
        }
        assertThat(target.resolve("new.txt")).exists();
        assertThat(target.resolve("old.txt")).doesNotExist();
        assertThat(siblings(tmp)).containsExactly("out");
    }

    @Test
    void anEmptyFolderIsWrittenWithoutForce(@TempDir Path tmp) throws Exception {
        Path target = Files.createDirectory(tmp.resolve("out"));
        commit(target, false, "a.txt");
        assertThat(target.resolve("a.txt")).exists();
        assertThat(siblings(tmp)).containsExactly("out");
    }

    @Test
    void everyOutputCarriesLaminarsMarker(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("out");
        commit(target, false, "a.txt");
        JsonObject marker = JsonParser.parseString(Files.readString(target.resolve(OutputMarker.NAME)))
                .getAsJsonObject();
        assertThat(marker.get("format").getAsString()).isEqualTo(OutputMarker.FORMAT);
        assertThat(marker.get("pid").getAsLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(OutputMarker.isLaminars(target)).isTrue();
    }

    @Test
    void forceNeverReplacesAFolderLaminarDidNotWrite(@TempDir Path tmp) throws Exception {
        Path thesis = Files.createDirectories(tmp.resolve("thesis"));
        Files.writeString(thesis.resolve("chapter1.tex"), "mine");
        Path fake = Files.createDirectories(tmp.resolve("fake"));
        Files.writeString(fake.resolve(OutputMarker.NAME), "{\"format\":\"something.else/1\"}");
        Path linked = Files.createDirectories(tmp.resolve("linked"));
        Path realMarker = tmp.resolve("real-out");
        commit(realMarker, false, "a.txt");
        Files.createSymbolicLink(linked.resolve(OutputMarker.NAME), realMarker.resolve(OutputMarker.NAME));
        Path garbage = Files.createDirectories(tmp.resolve("garbage"));
        Files.writeString(garbage.resolve(OutputMarker.NAME), "not json {");
        for (Path p : List.of(thesis, fake, linked, garbage)) {
            assertThatThrownBy(() -> OutputDirectory.open(p, true)).as(p.toString())
                    .isInstanceOf(LaminarException.class).hasMessageContaining("was not written by laminar")
                    .hasMessageContaining(OutputMarker.NAME);
        }
        assertThat(thesis.resolve("chapter1.tex")).hasContent("mine");
        assertThat(siblings(tmp)).containsExactly("fake", "garbage", "linked", "real-out", "thesis");
    }

    @Test
    void aFolderHoldingAnInputIsNeverReplaced(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        commit(out, false, "activations.safetensors");
        Path input = out.resolve("activations.safetensors");
        // the folder holding the input, a folder above it, and the same folder reached through a link and ".."
        Path link = Files.createSymbolicLink(tmp.resolve("link"), out);
        for (Path target : List.of(out, tmp, link, out.resolve("..").resolve("out"))) {
            assertThatThrownBy(() -> OutputDirectory.open(target, true, List.of(input))).as(target.toString())
                    .isInstanceOf(LaminarException.class).hasMessageContaining("holds the input " + input)
                    .hasMessageContaining("even with --force");
        }
        Path modelDir = Files.createDirectories(tmp.resolve("model"));
        assertThatThrownBy(() -> OutputDirectory.open(modelDir, true, List.of(modelDir)))
                .isInstanceOf(LaminarException.class).hasMessageContaining("is the input " + modelDir);
        assertThat(input).exists();
        // A folder inside an input folder is fine: replacing it deletes nothing of the input.
        commit(modelDir.resolve("results"), false, "a.txt");
        try (OutputDirectory o = OutputDirectory.open(modelDir.resolve("results"), true, List.of(modelDir))) {
            o.commit();
        }
    }

    @Test
    void theRootIsNeverAnOutput() {
        for (String root : new String[] {"/", "/tmp/..", "//"}) {
            assertThatThrownBy(() -> OutputDirectory.open(Path.of(root), true)).as(root)
                    .isInstanceOf(LaminarException.class).hasMessageContaining("is the root folder");
        }
    }

    @Test
    void aLinkToAnOutputIsFollowedAndKept(@TempDir Path tmp) throws Exception {
        Path real = tmp.resolve("data/out");
        commit(real, false, "old.txt");
        Path link = Files.createSymbolicLink(tmp.resolve("results"), real);
        commit(link, true, "new.txt");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(link.resolve("new.txt")).exists();
        assertThat(real.resolve("old.txt")).doesNotExist();
        assertThat(siblings(real.getParent())).containsExactly("out");
        Path broken = Files.createSymbolicLink(tmp.resolve("broken"), tmp.resolve("nowhere"));
        assertThatThrownBy(() -> OutputDirectory.open(broken, true))
                .isInstanceOf(LaminarException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aFileInTheWayIsRefused(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("out"), "x");
        assertThatThrownBy(() -> OutputDirectory.open(file, true))
                .isInstanceOf(LaminarException.class).hasMessageContaining("not a directory");
    }

    /** Commits an output holding one file named {@code file}. */
    static void commit(Path target, boolean force, String file) throws Exception {
        try (OutputDirectory out = OutputDirectory.open(target, force)) {
            Files.writeString(out.path().resolve(file), file);
            out.commit();
        }
    }

    static java.util.List<String> siblings(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theCommittedDirectoryIsNotPrivateToTheStagingProcess(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("out");
        try (OutputDirectory out = OutputDirectory.open(target, false)) {
            out.commit();
        }
        Path reference = Files.createDirectory(tmp.resolve("plain")); // what the umask gives any new directory
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(reference));
    }
}
