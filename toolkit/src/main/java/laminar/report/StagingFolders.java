package laminar.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * laminar's hidden staging folders beside an output folder, {@code .<out>.partial-<pid>-<start>-<nonce>}: the owning
 * process's id and start time (epoch milliseconds) are in the name, so that a later run can tell a folder left by a
 * killed run (its process gone, or its pid now used by another process that started at another time) from one a
 * live run is still writing, and remove only the former.
 */
final class StagingFolders {

    /** {@code .<name>.partial-<pid>-<start millis>-<hex nonce>}. */
    static final Pattern NAME = Pattern.compile("\\..+\\.partial-(\\d{1,19})-(\\d{1,19})-[0-9a-f]{1,16}");

    /** Process start times read twice may differ by rounding to clock ticks; a reused pid differs by far more. */
    private static final long START_TOLERANCE_MILLIS = 1000;

    private StagingFolders() {
    }

    /** A fresh staging folder name for {@code target} owned by this process. */
    static String newName(Path target) {
        ProcessHandle self = ProcessHandle.current();
        return "." + target.getFileName() + ".partial-" + self.pid() + "-" + startMillis(self) + "-"
                + Long.toHexString(System.nanoTime() & Long.MAX_VALUE);
    }

    /**
     * Removes the staging folders in {@code parent} whose process is gone: only folders (not links) named by
     * {@link #NAME} that are empty or hold laminar's {@linkplain OutputMarker marker} written on this host.
     *
     * @return the folders removed
     */
    static List<Path> removeStale(Path parent, PrintStream log) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, ".*.partial-*")) {
            for (Path p : entries) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        || ownerAlive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                    continue;
                }
                if (isEmpty(p) || OutputMarker.host().equals(OutputMarker.host(p))) {
                    deleteTree(p);
                    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                        removed.add(p);
                        log.println("laminar: removed " + p + ", left by a run that was killed (process "
                                + m.group(1) + " is gone)");
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // cleaning up after others is best effort: it must never stop this run
        }
        return removed;
    }

    /** Whether process {@code pid} runs and is the one that started at {@code startMillis} (0: unknown). */
    static boolean ownerAlive(long pid, long startMillis) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (p.isEmpty()) {
            return false;
        }
        long now = startMillis(p.get());
        return startMillis == 0 || now == 0 || Math.abs(now - startMillis) <= START_TOLERANCE_MILLIS;
    }

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a tree without following links (a link inside is removed, never its target); best effort. */
    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: what is left is reported by the caller's existence check
                }
            });
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // best effort
        }
    }
}
