package laminar.model.io;

/** A tensor of a checkpoint and the safetensors file that holds it. */
public record TensorRef(SafeTensorsFile file, SafeTensorsFile.Tensor tensor) {

    /** A checkpoint's tensors by full name (what per-layer mapping needs from any weights class). */
    public interface Lookup {
        /** The tensor {@code name}; a {@link laminar.LaminarException} naming it when the checkpoint lacks it. */
        TensorRef ref(String name);
    }
}
