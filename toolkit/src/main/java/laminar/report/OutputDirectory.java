package laminar.report;

import laminar.LaminarException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An output directory written atomically: everything goes to a temporary sibling that is renamed to the target
 * only when the run succeeded, so a failed or interrupted run never leaves half-written results. An existing
 * target is replaced only with {@code force}.
 *
 * <pre>{@code
 * try (OutputDirectory out = OutputDirectory.open(Path.of("results"), false)) {
 *     Files.writeString(out.path().resolve("results.json"), json);
 *     out.commit();
 * }   // not committed: the temporary directory is deleted
 * }</pre>
 */
public final class OutputDirectory implements AutoCloseable {

    private final Path target;
    private final Path staging;
    private final boolean force;
    private boolean committed;

    private OutputDirectory(Path target, Path staging, boolean force) {
        this.target = target;
        this.staging = staging;
        this.force = force;
    }

    /** Checks the target can be written and creates the staging directory beside it. */
    public static OutputDirectory open(Path target, boolean force) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new LaminarException("output path " + target + " exists and is not a directory (choose another --out)");
        }
        if (Files.isDirectory(abs) && !force && !isEmpty(abs)) {
            throw new LaminarException("output directory " + target + " already exists; use --force to replace it"
                    + " or choose another --out");
        }
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            // Not Files.createTempDirectory: its 0700 permissions would survive the rename; a plain directory
            // gets the user's umask like any other output.
            Path staging = Files.createDirectory(parent.resolve("." + abs.getFileName() + ".partial-"
                    + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime())));
            return new OutputDirectory(abs, staging, force);
        } catch (IOException e) {
            throw new LaminarException("cannot create output directory next to " + target + ": " + e.getMessage()
                    + " (check permissions or choose another --out)");
        }
    }

    /** Where to write files before {@link #commit()}. */
    public Path path() {
        return staging;
    }

    /** The final directory. */
    public Path target() {
        return target;
    }

    /** Moves the staged files into place, replacing an existing target (only opened with force or empty). */
    public void commit() {
        try {
            Path old = null;
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
                Files.move(target, old);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(staging, target);
            }
            committed = true;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not move results into " + target, e);
        }
    }

    /** Deletes the staging directory unless committed. */
    @Override
    public void close() {
        if (!committed) {
            deleteTree(staging);
        }
    }

    boolean force() {
        return force;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary directory is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
