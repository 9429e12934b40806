package laminar.kernels.stats;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The C library's {@code pow}, called through the FFM API, because CPython's {@code int ** float} calls it and it
 * is not correctly rounded: glibc's {@code pow} differs from {@link Math#pow} in about 1 of 1,000
 * arguments {@code (n, -1/3)} (measured for n ≤ 3,000,000; a correctly rounded pow differs in 2,417 of them). For
 * a Freedman-Diaconis width that can decide the number of bins when {@code range/width} lies within an ulp of an
 * integer.
 *
 * <p>Not offered: {@code atanh}. numpy does not call the C library for {@code np.arctanh} on this machine: on
 * AVX-512 CPUs numpy 1.24 uses its bundled SVML loops, which differ from glibc's atanh by 1 ulp in about 19% of
 * uniform(−1, 1) draws, so no libm call reproduces it.
 *
 * <p>Where the C library cannot be reached (no native access, another platform) {@link Math#pow} is used and
 * {@link #isNative()} is false. Calling it from a named module or with native access restricted needs
 * the JVM option {@code --enable-native-access=ALL-UNNAMED} (otherwise the JDK prints a warning once).
 */
public final class GlibcMath {

    private static final MethodHandle POW = lookupPow();

    private static MethodHandle lookupPow() {
        try {
            Linker linker = Linker.nativeLinker();
            FunctionDescriptor ddd = FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE,
                    ValueLayout.JAVA_DOUBLE);
            return linker.defaultLookup().find("pow")
                    .map(s -> linker.downcallHandle(s, ddd, Linker.Option.critical(false))).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            // Native access denied or unsupported platform: fall back to java.lang.Math.
            return null;
        }
    }

    private GlibcMath() {
    }

    /** Whether the C library's {@code pow} is in use (else {@link Math#pow}). */
    public static boolean isNative() {
        return POW != null;
    }

    /** C {@code pow(x, y)}, as Python's {@code x ** y} for floats. */
    public static double pow(double x, double y) {
        if (POW == null) {
            return Math.pow(x, y);
        }
        try {
            return (double) POW.invokeExact(x, y);
        } catch (Throwable t) {
            throw new IllegalStateException("C pow failed", t);
        }
    }
}
