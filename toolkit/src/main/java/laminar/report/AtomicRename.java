package laminar.report;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Linux's {@code renameat2(2)} through the FFM API: the two directory renames that {@link java.nio.file.Files#move}
 * cannot do atomically. {@link #noReplace} fails when the target exists (plain {@code rename(2)} silently replaces an
 * empty directory, and {@code Files.move}'s existence check races with other processes); {@link #exchange} swaps two
 * existing paths in one step, so a replaced output folder is never missing for a moment.
 *
 * <p>{@link #available()} is false off Linux (glibc without {@code renameat2}) and the caller falls back to plain
 * moves, which are not safe against two concurrent runs.
 */
final class AtomicRename {

    /** What a rename did. */
    enum Result {
        /** Done. */
        DONE,
        /** The target exists ({@code EEXIST}/{@code ENOTEMPTY}). */
        TARGET_EXISTS,
        /** A path is missing ({@code ENOENT}). */
        MISSING,
        /** This filesystem or kernel cannot do it ({@code EINVAL}, {@code ENOSYS}, {@code EXDEV}): fall back. */
        UNSUPPORTED
    }

    private static final int AT_FDCWD = -100;
    private static final int RENAME_NOREPLACE = 1;
    private static final int RENAME_EXCHANGE = 2;
    private static final int ENOENT = 2;
    private static final int EEXIST = 17;
    private static final int EXDEV = 18;
    private static final int EINVAL = 22;
    private static final int ENOSYS = 38;
    private static final int ENOTEMPTY = 39;

    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle RENAMEAT2 = lookup().orElse(null);

    private AtomicRename() {
    }

    /** Whether {@code renameat2} could be linked (Linux with glibc 2.28 or newer). */
    static boolean available() {
        return RENAMEAT2 != null;
    }

    /** Renames {@code from} to {@code to} only if {@code to} does not exist. */
    static Result noReplace(Path from, Path to) throws IOException {
        return call(from, to, RENAME_NOREPLACE);
    }

    /** Swaps {@code a} and {@code b} (both must exist). */
    static Result exchange(Path a, Path b) throws IOException {
        return call(a, b, RENAME_EXCHANGE);
    }

    private static Result call(Path from, Path to, int flags) throws IOException {
        if (RENAMEAT2 == null) {
            return Result.UNSUPPORTED;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            int rc = (int) RENAMEAT2.invokeExact(state, AT_FDCWD, arena.allocateFrom(from.toString()), AT_FDCWD,
                    arena.allocateFrom(to.toString()), flags);
            if (rc == 0) {
                return Result.DONE;
            }
            int errno = (int) ERRNO.get(state, 0L);
            return switch (errno) {
                case EEXIST, ENOTEMPTY -> Result.TARGET_EXISTS;
                case ENOENT -> Result.MISSING;
                case EINVAL, ENOSYS, EXDEV -> Result.UNSUPPORTED;
                default -> throw new IOException("renameat2 " + from + " -> " + to + " failed: errno " + errno);
            };
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("renameat2 call failed", t);
        }
    }

    private static Optional<MethodHandle> lookup() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("renameat2").map(symbol -> linker.downcallHandle(symbol,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                    Linker.Option.captureCallState("errno")));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // not Linux/glibc, or native access refused: plain moves
        }
    }
}
