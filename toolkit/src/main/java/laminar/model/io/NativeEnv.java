package laminar.model.io;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Sets a variable in the process's native environment (C {@code setenv}), which native libraries loaded later
 * read in their initialisers; {@link System#getenv} keeps its start-up snapshot and does not see it.
 */
public final class NativeEnv {

    private static final MethodHandle SETENV = find("setenv", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle GETENV = find("getenv", FunctionDescriptor.of(ValueLayout.ADDRESS,
            ValueLayout.ADDRESS));

    private NativeEnv() {
    }

    private static MethodHandle find(String function, FunctionDescriptor signature) {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find(function).map(s -> linker.downcallHandle(s, signature)).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null; // no native access: nothing can be set
        }
    }

    /**
     * Sets {@code name} to {@code value} unless the user's environment has it (their choice wins). Returns whether
     * the variable now has {@code value}.
     */
    public static boolean setIfAbsent(String name, String value) {
        String mine = System.getenv(name);
        if (mine != null) {
            return mine.equals(value);
        }
        if (SETENV == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) SETENV.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 0);
            return rc == 0 && value.equals(get(name));
        } catch (Throwable t) {
            return false;
        }
    }

    /** The variable as native code sees it now ({@code null} when unset or not readable from here). */
    public static String get(String name) {
        if (GETENV == null) {
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = (MemorySegment) GETENV.invokeExact(arena.allocateFrom(name));
            return value.equals(MemorySegment.NULL) ? null : value.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            return null;
        }
    }
}
