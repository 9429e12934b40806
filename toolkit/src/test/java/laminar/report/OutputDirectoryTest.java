package laminar.report;

import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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
    void anExistingDirectoryIsKeptWithoutForceAndReplacedWithIt(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("out");
        Files.createDirectories(target);
        Files.writeString(target.resolve("old.txt"), "old");
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
    void aFileInTheWayIsRefused(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("out"), "x");
        assertThatThrownBy(() -> OutputDirectory.open(file, true))
                .isInstanceOf(LaminarException.class).hasMessageContaining("not a directory");
    }

    private static java.util.List<String> siblings(Path dir) throws Exception {
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
