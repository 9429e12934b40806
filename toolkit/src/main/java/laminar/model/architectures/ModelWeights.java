package laminar.model.architectures;

import laminar.model.io.SafeTensorsFile;
import laminar.model.io.TensorRef;
import laminar.model.io.WeightValues;

import java.util.List;

/**
 * A checkpoint's weights as the extraction driver reads them: tensors by full name (mapped per layer), single rows
 * of the embeddings, and the size on disk. {@link ArchWeights} (rotary families) and {@link Gpt2Weights} differ only
 * in how they open and check a checkpoint.
 */
public interface ModelWeights extends TensorRef.Lookup, AutoCloseable {

    /** The safetensors files, in the order opened. */
    List<SafeTensorsFile> files();

    /** Rows {@code ids} of a 2-D tensor (the embeddings), widened to float32; only those rows' pages are read. */
    default float[] rows(String name, int[] ids) {
        TensorRef r = ref(name);
        return WeightValues.rows(r.file(), r.tensor(), name, ids);
    }

    /** Total size of the weight files in bytes (the yardstick for peak memory). */
    default long totalBytes() {
        return files().stream().mapToLong(SafeTensorsFile::fileSize).sum();
    }

    /** Closes every file (unmapping nothing: tensors are mapped into their callers' arenas). */
    @Override
    default void close() {
        files().forEach(SafeTensorsFile::close);
    }
}
