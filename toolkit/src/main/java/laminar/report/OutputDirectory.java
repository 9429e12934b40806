package laminar.report;

import laminar.LaminarException;
import laminar.report.AtomicRename.Result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An output directory written atomically: everything goes to a hidden staging folder beside the target that
 * becomes the target in one rename when the run succeeded, so a failed, interrupted or losing run never leaves
 * half-written results.
 *
 * <pre>{@code
 * try (OutputDirectory out = OutputDirectory.open(Path.of("results"), false, List.of(wordsFile))) {
 *     Files.writeString(out.path().resolve("results.json"), json);
 *     out.commit();
 * }   // not committed: the staging folder is deleted
 * }</pre>
 *
 * <p>The rules, all checked by {@link #open} before any heavy work:
 * <ul>
 * <li>A missing or empty target is written. An existing non-empty one is replaced only with {@code force}, and only
 *     when laminar wrote it (it holds laminar's {@linkplain OutputMarker marker}, which every output carries).</li>
 * <li>Never replaced, even with {@code force}: the root, the working directory, the home folder, any folder above
 *     them, and any folder holding one of the run's inputs ({@link ProtectedFolders}).</li>
 * <li>Two runs committing to one target: exactly one wins. A new target is created with
 *     {@code renameat2(RENAME_NOREPLACE)}; a replaced one is swapped with {@code RENAME_EXCHANGE} and must be the
 *     very folder (same inode) seen at open. The loser gets a {@link LaminarException} and its staging is removed.</li>
 * <li>On SIGINT/SIGTERM a shutdown hook removes the staging folder; folders left by killed runs ({@code kill -9})
 *     are removed by the next run writing beside them ({@link StagingFolders}).</li>
 * </ul>
 */
public final class OutputDirectory implements AutoCloseable {

    private enum State { OPEN, COMMITTED, ABORTED }

    private final Path target;
    private final Path shownAs;
    private final Path staging;
    /** The target folder's identity at open, or null when there was none. */
    private final Object existingKey;
    /** Whether the target folder at open was empty (replaced without {@code force}). */
    private final boolean existingEmpty;
    private final Thread cleanupOnSignal;
    private State state = State.OPEN;
    /** A replaced folder not yet deleted (moved aside by the commit). */
    private Path pendingDelete;

    private OutputDirectory(Path target, Path shownAs, Path staging, Object existingKey, boolean existingEmpty) {
        this.target = target;
        this.shownAs = shownAs;
        this.staging = staging;
        this.existingKey = existingKey;
        this.existingEmpty = existingEmpty;
        this.cleanupOnSignal = new Thread(this::cleanUpOnExit, "laminar-output-cleanup");
    }

    /** {@link #open(Path, boolean, Collection)} with no inputs to protect. */
    public static OutputDirectory open(Path target, boolean force) {
        return open(target, force, List.of());
    }

    /**
     * Checks that {@code target} may be written (see the class rules), removes stale staging folders of killed runs
     * beside it and creates this run's staging folder with laminar's marker.
     *
     * @param inputs the run's input files and folders: a target that is or holds one is refused
     * @throws LaminarException when the target may not be written, saying why and what to do
     */
    public static OutputDirectory open(Path target, boolean force, Collection<Path> inputs) {
        Path abs = target.toAbsolutePath();
        if (ProtectedFolders.brokenLink(abs)) {
            throw new LaminarException("--out " + target + " is a link to a folder that does not exist; give a folder");
        }
        Path real = ProtectedFolders.real(abs);
        ProtectedFolders.of(inputs).check(real, target);
        Object key = null;
        boolean empty = false;
        if (Files.exists(real)) {
            if (!Files.isDirectory(real)) {
                throw new LaminarException("output path " + target + " exists and is not a directory (choose another --out)");
            }
            key = fileKey(real);
            empty = StagingFolders.isEmpty(real);
            boolean laminars = !empty && OutputMarker.isLaminars(real);
            if (!empty && !force && laminars) {
                throw new LaminarException("output directory " + target + " already exists; use --force to replace it"
                        + " or choose another --out");
            }
            if (!empty && !laminars) {
                throw new LaminarException("output directory " + target + (force ? "" : " already exists and")
                        + " was not written by laminar (it has no valid " + OutputMarker.NAME + "), so not even"
                        + " --force replaces it: choose another --out, or move " + target + " away yourself");
            }
        }
        Path parent = real.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw cannotCreate(target, e);
        }
        StagingFolders.removeStale(parent, System.err);
        OutputDirectory out = new OutputDirectory(real, target, parent.resolve(StagingFolders.newName(real)), key, empty);
        out.stage();
        return out;
    }

    /** Registers the signal cleanup first, so that a signal arriving once the folder exists always removes it. */
    private void stage() {
        Runtime.getRuntime().addShutdownHook(cleanupOnSignal);
        try {
            // Not Files.createTempDirectory: its 0700 permissions would survive the rename; a plain directory
            // gets the user's umask like any other output.
            Files.createDirectory(staging);
            OutputMarker.write(staging);
        } catch (IOException e) {
            close();
            throw cannotCreate(shownAs, e);
        }
    }

    private static LaminarException cannotCreate(Path target, IOException e) {
        return new LaminarException("cannot create output directory next to " + target + ": " + e.getMessage()
                + " (check permissions or choose another --out)");
    }

    /** Where to write files before {@link #commit()}. */
    public Path path() {
        return staging;
    }

    /** The final directory (its real path). */
    public Path target() {
        return target;
    }

    /**
     * Makes the staged files the target in one atomic step, replacing the folder found at open if there was one.
     *
     * @throws LaminarException when another run wrote the target meanwhile (its results are kept)
     */
    public void commit() {
        Path old;
        synchronized (this) {
            if (state != State.OPEN) {
                throw new IllegalStateException("output " + shownAs + " already " + state.name().toLowerCase());
            }
            try {
                old = existingKey == null ? create() : replace();
            } catch (IOException e) {
                throw new UncheckedIOException("could not move results into " + target, e);
            }
            state = State.COMMITTED;
            pendingDelete = old;
        }
        if (old != null) {
            StagingFolders.deleteTree(old);
        }
        synchronized (this) {
            pendingDelete = null;
        }
        unregister();
    }

    private Path create() throws IOException {
        Result r = AtomicRename.available() ? AtomicRename.noReplace(staging, target) : Result.UNSUPPORTED;
        if (r == Result.UNSUPPORTED) {
            r = plainMove(staging, target);
        }
        return switch (r) {
            case DONE -> null;
            case TARGET_EXISTS -> throw lostRace();
            default -> throw new NoSuchFileException(staging.toString(), null, "staging folder vanished");
        };
    }

    /** Swaps the staging folder with the one found at open, which must still be that folder. */
    private Path replace() throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return create(); // removed meanwhile (by the user): nothing left to replace
        }
        if (!Objects.equals(fileKey(target), existingKey)) {
            throw lostRace();
        }
        Result r = AtomicRename.available() ? AtomicRename.exchange(staging, target) : Result.UNSUPPORTED;
        if (r == Result.UNSUPPORTED) {
            return replaceByMoves();
        }
        if (r != Result.DONE) {
            throw lostRace();
        }
        // The old folder is now at the staging path: it must be the one checked at open, still laminar's.
        if (!Objects.equals(fileKey(staging), existingKey) || !stillReplaceable(staging)) {
            // Another run's output is at the staging path now: swap it back, and never delete it if that fails.
            Result back;
            try {
                back = AtomicRename.exchange(staging, target);
            } catch (IOException e) {
                back = Result.UNSUPPORTED;
            }
            if (back != Result.DONE) {
                state = State.ABORTED;
                throw new LaminarException("another run wrote " + shownAs + " while this one was running, and"
                        + " putting its folder back failed: it is at " + staging + " (move it to " + shownAs
                        + " yourself)");
            }
            throw lostRace();
        }
        return staging;
    }

    /** Without renameat2: move the old folder aside, then the staging folder in (not safe against a race). */
    private Path replaceByMoves() throws IOException {
        Path aside = staging.resolveSibling(StagingFolders.newName(target));
        if (plainMove(target, aside) != Result.DONE) {
            throw lostRace();
        }
        if (plainMove(staging, target) != Result.DONE) {
            plainMove(aside, target);
            throw lostRace();
        }
        return aside;
    }

    private boolean stillReplaceable(Path old) {
        return existingEmpty ? StagingFolders.isEmpty(old) : OutputMarker.isLaminars(old);
    }

    private static Result plainMove(Path from, Path to) throws IOException {
        try {
            Files.move(from, to);
            return Result.DONE;
        } catch (FileAlreadyExistsException e) {
            return Result.TARGET_EXISTS;
        } catch (NoSuchFileException e) {
            return Result.MISSING;
        }
    }

    private LaminarException lostRace() {
        return new LaminarException("another run wrote " + shownAs + " while this one was running; its results are"
                + " kept and this run's are discarded: run again with another --out");
    }

    /** Deletes the staging directory unless committed. */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.OPEN) {
                state = State.ABORTED;
                StagingFolders.deleteTree(staging);
            }
        }
        unregister();
    }

    /**
     * The shutdown hook: an interrupted run's staging folder goes. The main thread may still be writing into it
     * (a file write recreates nothing, but creating the figures folder recreates its parents), so the deletion is
     * repeated briefly until the folder stays gone.
     */
    private void cleanUpOnExit() {
        synchronized (this) {
            if (state == State.OPEN) {
                state = State.ABORTED;
                for (int round = 0; round < 5; round++) {
                    StagingFolders.deleteTree(staging);
                    pause();
                    if (round >= 1 && !Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                        break; // gone, and stayed gone for one pause
                    }
                }
            } else if (pendingDelete != null) {
                StagingFolders.deleteTree(pendingDelete);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(40);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void unregister() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnSignal);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down (the hook is running or ran) or never registered
        }
    }

    private static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }
}
