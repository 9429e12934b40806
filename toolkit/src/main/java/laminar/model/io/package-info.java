/**
 * Operating-system helpers of the extraction, through the FFM API: {@link laminar.model.io.Madvise} reads a mapped
 * weight range in ahead of use, {@link laminar.model.io.NativeEnv} sets the native environment before a native
 * library reads it. Both degrade to doing nothing where the call is missing (not Linux, old kernel).
 */
package laminar.model.io;
