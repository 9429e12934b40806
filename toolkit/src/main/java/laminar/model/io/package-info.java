/**
 * Files and native memory of the extraction: {@link laminar.model.io.SafeTensorsFile} (header validation and
 * per-tensor memory mapping, never the heap) and {@link laminar.model.io.SafeTensorsWriter},
 * {@link laminar.model.io.ActivationsFile} (activations.safetensors and its metadata),
 * {@link laminar.model.io.DType}, {@link laminar.model.io.WeightValues} (float32 reads of weights, BF16 widening)
 * and {@link laminar.model.io.FiniteCheck}; operating-system helpers through the FFM API:
 * {@link laminar.model.io.Madvise} reads a mapped weight range in ahead of use, {@link laminar.model.io.NativeEnv}
 * sets the native environment before a native library reads it (both degrade to doing nothing where the call is
 * missing: not Linux, old kernel). Nothing here knows an architecture.
 */
package laminar.model.io;
