package laminar.model.architectures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import laminar.LaminarException;
import laminar.model.io.SafeTensorsFile;
import laminar.model.io.SafeTensorsIndex;
import laminar.model.io.TensorRef;
import laminar.model.io.WeightValues;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The safetensors weights of a model directory ({@code model.safetensors} or a sharded index), by name. Tensors
 * are memory-mapped when asked for, never read whole: F32 and F16 become native tensors over the mapped bytes
 * (F16 widened by PyTorch), BF16 is widened into native memory of the caller's arena (DJL cannot create bfloat16
 * tensors).
 */
public final class ArchWeights implements ModelWeights {

    private final List<SafeTensorsFile> files;
    private final Map<String, TensorRef> refs;

    private ArchWeights(List<SafeTensorsFile> files, Map<String, TensorRef> refs) {
        this.files = files;
        this.refs = refs;
    }

    /** Opens {@code dir}'s {@code model.safetensors}, or the shards its {@code model.safetensors.index.json} lists. */
    public static ArchWeights open(Path dir) {
        List<SafeTensorsFile> files = new ArrayList<>();
        Map<String, TensorRef> refs = new HashMap<>();
        try {
            Path single = dir.resolve("model.safetensors");
            Path index = dir.resolve(SafeTensorsIndex.FILE);
            if (Files.isRegularFile(single)) {
                files.add(SafeTensorsFile.open(single));
            } else if (Files.isRegularFile(index)) {
                for (String shard : new LinkedHashSet<>(SafeTensorsIndex.weightMap(index).values())) {
                    Path p = dir.resolve(shard).normalize();
                    if (!p.getParent().equals(dir.normalize())) {
                        throw new LaminarException(index + ": shard name '" + shard + "' is not a file of " + dir
                                + "; download the checkpoint again");
                    }
                    files.add(SafeTensorsFile.open(p));
                }
            } else {
                throw new LaminarException(dir + ": has neither model.safetensors nor model.safetensors.index.json;"
                        + " give a Hugging Face model directory with safetensors weights");
            }
            for (SafeTensorsFile f : files) {
                for (SafeTensorsFile.Tensor t : f.tensors().values()) {
                    if (refs.put(t.name(), new TensorRef(f, t)) != null) {
                        throw new LaminarException(f.path() + ": tensor '" + t.name() + "' appears in two shards;"
                                + " the checkpoint is inconsistent, download it again");
                    }
                }
            }
            return new ArchWeights(List.copyOf(files), refs);
        } catch (RuntimeException e) {
            files.forEach(SafeTensorsFile::close);
            throw e;
        }
    }

    /** The tensor {@code name}; {@link LaminarException} naming it when absent or of another shape. */
    public TensorRef ref(String name, long... shape) {
        TensorRef r = refs.get(name);
        if (r == null) {
            throw new LaminarException(files.getFirst().path() + ": has no tensor '" + name + "'; the checkpoint is"
                    + " incomplete or of another architecture than its config.json says");
        }
        if (shape.length > 0 && !java.util.Arrays.equals(shape, r.tensor().shape())) {
            throw new LaminarException(r.file().path() + ": tensor '" + name + "' has shape "
                    + r.tensor().shapeString() + " but config.json needs " + java.util.Arrays.toString(shape)
                    + "; config.json and the weights do not belong together");
        }
        if (!r.tensor().dtype().computable()) {
            throw new LaminarException(r.file().path() + ": tensor '" + name + "' is " + r.tensor().dtype()
                    + "; laminar computes with F32, F16 or BF16 weights: re-export the checkpoint as float32");
        }
        return r;
    }

    /** The tensor {@code name} of any shape (checked as {@link #ref(String, long...)}). */
    @Override
    public TensorRef ref(String name) {
        return ref(name, new long[0]);
    }

    /** Whether the checkpoint has a tensor {@code name}. */
    public boolean has(String name) {
        return refs.containsKey(name);
    }

    /** A float32 tensor over the mapped bytes of {@code name} (valid until {@code arena} closes). */
    public NDArray map(String name, NDManager scope, Arena arena) {
        TensorRef r = ref(name);
        return wrap(scope, r.file().map(r.tensor(), arena), r.tensor(), arena);
    }

    /**
     * A float32 tensor over {@code buf}, the mapped bytes of {@code t} (no copy for F32; F16 widened by PyTorch; BF16
     * widened into native memory of {@code arena}, which must live as long as the mapping).
     */
    public static NDArray wrap(NDManager scope, ByteBuffer buf, SafeTensorsFile.Tensor t, Arena arena) {
        Shape shape = new Shape(t.shape());
        return switch (t.dtype()) {
            case F32 -> scope.create(buf, shape, DataType.FLOAT32);
            case F16 -> scope.create(buf, shape, DataType.FLOAT16).toType(DataType.FLOAT32, false);
            case BF16 -> scope.create(WeightValues.widenBf16(buf, arena), shape, DataType.FLOAT32);
            default -> throw new IllegalStateException("checked in ref: " + t.dtype());
        };
    }

    @Override
    public List<SafeTensorsFile> files() {
        return files;
    }
}
