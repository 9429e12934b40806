package laminar.model.io;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * Reads the pages of a file mapping in before they are used: {@code madvise(MADV_POPULATE_READ)} (Linux ≥ 5.14)
 * maps every page of the range in one system call, where first touches would take one page fault per 4 KiB–64 KiB.
 * On a kernel without it the range is advised {@code MADV_WILLNEED} and touched page by page
 * ({@link MemorySegment#load()}); where {@code madvise} itself is missing nothing is done.
 *
 * <p>Populating never writes: on a copy-on-write mapping the pages stay shared with the page cache. A range that
 * cannot be read (the file was truncated under the mapping) makes {@code madvise} fail instead of raising SIGBUS;
 * {@link #populate} then reports {@link Outcome#FAILED} and the caller's own reads surface the problem.
 */
public final class Madvise {

    /** What {@link #populate} did. */
    public enum Outcome {
        /** every page of the range is mapped ({@code MADV_POPULATE_READ}) */
        POPULATED,
        /** advised and touched page by page (kernel without {@code MADV_POPULATE_READ}) */
        TOUCHED,
        /** {@code madvise} is not available here: nothing was done */
        UNAVAILABLE,
        /** {@code madvise} refused the range (errno other than EINVAL): nothing more was done */
        FAILED
    }

    static final int MADV_POPULATE_READ = 22;
    private static final int EINVAL = 22;
    private static final long PAGE = 4096;

    private static final StructLayout CAPTURED = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURED.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle MADVISE = find();
    /** Cleared after the first EINVAL: the kernel does not know MADV_POPULATE_READ, do not ask again. */
    private static volatile boolean populateKnown = true;

    private Madvise() {
    }

    private static MethodHandle find() {
        try {
            Linker linker = Linker.nativeLinker();
            Optional<MemorySegment> symbol = linker.defaultLookup().find("madvise");
            return symbol.map(s -> linker.downcallHandle(s, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
                    Linker.Option.captureCallState("errno"))).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null; // no native access or an unsupported platform: populate() degrades to UNAVAILABLE
        }
    }

    /** Whether {@code madvise} can be called from here. */
    public static boolean available() {
        return MADVISE != null;
    }

    /**
     * Maps every page of {@code mapping} (a segment returned by {@code FileChannel.map}) into the process now.
     * The range is widened to page boundaries, which stay inside the mapping because the JDK maps from a
     * page-aligned file offset.
     */
    public static Outcome populate(MemorySegment mapping) {
        if (MADVISE == null || mapping.byteSize() == 0) {
            return MADVISE == null ? Outcome.UNAVAILABLE : Outcome.POPULATED;
        }
        if (populateKnown) {
            int errno = call(mapping, MADV_POPULATE_READ);
            if (errno == 0) {
                return Outcome.POPULATED;
            }
            if (errno != EINVAL) {
                return Outcome.FAILED;
            }
            populateKnown = false;
        }
        mapping.load();
        return Outcome.TOUCHED;
    }

    /** {@code madvise} over {@code mapping}'s pages; 0 or the errno. */
    private static int call(MemorySegment mapping, int advice) {
        long start = mapping.address() & -PAGE;
        long length = mapping.address() + mapping.byteSize() - start;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURED);
            int rc = (int) MADVISE.invokeExact(state, MemorySegment.ofAddress(start), length, advice);
            return rc == 0 ? 0 : (int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("madvise failed to run", t);
        }
    }
}
