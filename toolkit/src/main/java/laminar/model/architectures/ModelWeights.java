package laminar.model.architectures;

import laminar.model.io.TensorRef;

/**
 * A checkpoint's weights as the extraction driver reads them: tensors by full name (mapped per layer), single rows
 * of the embeddings, and the size on disk. {@link ArchWeights} and GPT-2's {@code laminar.model.Gpt2Weights}.
 */
public interface ModelWeights extends TensorRef.Lookup, AutoCloseable {

    /** Rows {@code ids} of a 2-D tensor (the embeddings), widened to float32; only those rows' pages are read. */
    float[] rows(String name, int[] ids);

    /** Total size of the weight files in bytes (the yardstick for peak memory). */
    long totalBytes();

    @Override
    void close();
}
