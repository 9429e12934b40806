package laminar.report;

import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static laminar.report.OutputDirectoryTest.commit;
import static laminar.report.OutputDirectoryTest.siblings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs committing to one folder (exactly one wins), and the removal of staging folders left by dead processes.
 * Races are made real and deterministic with a barrier: both runs have staged their results before either commits.
 */
class OutputDirectoryConcurrencyTest {

    /** What one racing run ended with: its tag if it committed, or the loser's message. */
    private record Outcome(boolean won, String tag, String message) {
    }

    private static List<Outcome> race(Path target, boolean force, int runs) throws Exception {
        CyclicBarrier staged = new CyclicBarrier(runs);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String tag = "run" + i;
                futures.add(pool.submit(() -> {
                    try (OutputDirectory out = OutputDirectory.open(target, force)) {
                        Files.writeString(out.path().resolve("who.txt"), tag);
                        staged.await(30, TimeUnit.SECONDS);
                        out.commit();
                        return new Outcome(true, tag, "");
                    } catch (LaminarException e) {
                        return new Outcome(false, tag, e.getMessage());
                    }
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertExactlyOneWon(List<Outcome> outcomes, Path target, Path parent) throws Exception {
        List<Outcome> winners = outcomes.stream().filter(Outcome::won).toList();
        assertThat(winners).as(outcomes.toString()).hasSize(1);
        assertThat(target.resolve("who.txt")).hasContent(winners.getFirst().tag());
        for (Outcome loser : outcomes) {
            if (!loser.won()) {
                assertThat(loser.message()).contains("another run wrote").contains("this run's are discarded");
            }
        }
        assertThat(siblings(parent)).as("no staging or replaced folder left").containsExactly("out");
    }

    @Test
    void onLinuxTheCommitUsesRenameat2NotThePlainMovesThatRace() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(AtomicRename.available()).isTrue();
        }
    }

    @Test
    void twoRunsCreatingOneFolderExactlyOneWins(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("out");
        assertExactlyOneWon(race(target, false, 2), target, tmp);
    }

    @Test
    void twoRunsReplacingOneFolderWithForceExactlyOneWins(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("out");
        commit(target, false, "old.txt");
        assertExactlyOneWon(race(target, true, 2), target, tmp);
        assertThat(target.resolve("old.txt")).doesNotExist();
    }

    @Test
    void threeRunsIntoOneEmptyFolderExactlyOneWins(@TempDir Path tmp) throws Exception {
        Path target = Files.createDirectory(tmp.resolve("out"));
        assertExactlyOneWon(race(target, false, 3), target, tmp);
    }

    @Test
    void aRunThatStartedBeforeAnotherCommittedLosesWithOrWithoutForce(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("out");
        for (boolean force : new boolean[] {false, true}) {
            try (OutputDirectory first = OutputDirectory.open(target, force);
                 OutputDirectory second = OutputDirectory.open(target, force)) {
                Files.writeString(first.path().resolve("who.txt"), "first");
                Files.writeString(second.path().resolve("who.txt"), "second");
                first.commit();
                org.assertj.core.api.Assertions.assertThatThrownBy(second::commit)
                        .isInstanceOf(LaminarException.class).hasMessageContaining("another run wrote " + target);
            }
            assertThat(target.resolve("who.txt")).hasContent("first");
            assertThat(siblings(tmp)).containsExactly("out");
        }
    }

    @Test
    void aStagingFolderOfADeadProcessIsRemovedByTheNextRun(@TempDir Path tmp) throws Exception {
        Process gone = new ProcessBuilder("sleep", "60").start();
        Instant started = gone.info().startInstant().orElseThrow();
        gone.destroy();
        gone.waitFor();
        long self = ProcessHandle.current().pid();
        long selfStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        // dead owner; owner's pid reused by another process (this one, started at another time); live owner
        Path dead = staging(tmp, "results", gone.pid(), started.toEpochMilli(), true);
        Path reused = staging(tmp, "other", self, selfStart - 3_600_000, true);
        Path live = staging(tmp, "results", self, selfStart, true);
        // dead owner, but not laminar's: a user's folder that happens to look like one, and an empty leftover
        Path lookalike = staging(tmp, "mine", gone.pid(), started.toEpochMilli(), false);
        Files.writeString(lookalike.resolve("notes.txt"), "keep");
        Path empty = Files.createDirectory(tmp.resolve(".x.partial-" + gone.pid() + "-" + started.toEpochMilli() + "-1"));

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Path> removed = StagingFolders.removeStale(tmp, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(removed).containsExactlyInAnyOrder(dead, reused, empty);
        assertThat(dead).doesNotExist();
        assertThat(reused).doesNotExist();
        assertThat(live.resolve("half.bin")).exists();
        assertThat(lookalike.resolve("notes.txt")).hasContent("keep");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("left by a run that was killed (process "
                + gone.pid() + " is gone)");
    }

    @Test
    void openingAnOutputCleansItsFolderOfDeadRunsStaging(@TempDir Path tmp) throws Exception {
        Process gone = new ProcessBuilder("sleep", "60").start();
        long started = gone.info().startInstant().orElseThrow().toEpochMilli();
        gone.destroy();
        gone.waitFor();
        Path dead = staging(tmp, "results", gone.pid(), started, true);
        commit(tmp.resolve("results"), false, "a.txt");
        assertThat(dead).doesNotExist();
        assertThat(siblings(tmp)).containsExactly("results");
    }

    /** A folder named like laminar's staging with some data, with or without laminar's marker. */
    private static Path staging(Path parent, String target, long pid, long startMillis, boolean marker)
            throws Exception {
        Path dir = Files.createDirectory(parent.resolve("." + target + ".partial-" + pid + "-" + startMillis + "-abc"));
        Files.write(dir.resolve("half.bin"), new byte[1000]);
        if (marker) {
            OutputMarker.write(dir);
        }
        return dir;
    }
}
