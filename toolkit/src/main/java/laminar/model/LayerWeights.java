package laminar.model;

import laminar.model.io.SafeTensorsFile;
import laminar.model.io.Madvise;
import laminar.model.io.TensorRef;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One transformer block's weight tensors, memory-mapped together into their own {@link Arena} (unmapped when
 * closed). A block's tensors lie next to each other in a safetensors file (their names share the block's
 * prefix, e.g. {@code h.N.} or {@code model.layers.N.}, and HF writes names in sorted order), so each file's part of the block is one mapping over the span of its
 * tensors, sliced per tensor: one {@code mmap} instead of twelve, and one range to read in ahead of use.
 */
final class LayerWeights implements AutoCloseable {

    /** A span more than this many times the tensors' bytes (scattered tensors) is mapped tensor by tensor. */
    private static final int MAX_SPAN_FACTOR = 2;

    private final Arena arena;
    private final Map<String, ByteBuffer> buffers;

    private LayerWeights(Arena arena, Map<String, ByteBuffer> buffers) {
        this.arena = arena;
        this.buffers = buffers;
    }

    /**
     * Maps {@code names} (relative to the block's {@code prefix}, e.g. {@code h.3.}) of one block; with {@code populate} every page
     * is read in now ({@link Madvise#populate}), so that the compute that follows takes no page faults.
     */
    static LayerWeights map(TensorRef.Lookup weights, String prefix, List<String> names, boolean populate) {
        Arena arena = Arena.ofShared();
        try {
            Map<SafeTensorsFile, List<String>> byFile = new LinkedHashMap<>();
            for (String name : names) {
                byFile.computeIfAbsent(weights.ref(prefix + name).file(), f -> new ArrayList<>()).add(name);
            }
            Map<String, ByteBuffer> out = new HashMap<>();
            for (Map.Entry<SafeTensorsFile, List<String>> e : byFile.entrySet()) {
                mapFile(weights, prefix, e.getKey(), e.getValue(), arena, populate, out);
            }
            return new LayerWeights(arena, out);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static void mapFile(TensorRef.Lookup weights, String prefix, SafeTensorsFile file, List<String> names,
                                Arena arena, boolean populate, Map<String, ByteBuffer> out) {
        long begin = Long.MAX_VALUE;
        long end = 0;
        long bytes = 0;
        for (String name : names) {
            SafeTensorsFile.Tensor t = weights.ref(prefix + name).tensor();
            begin = Math.min(begin, t.begin());
            end = Math.max(end, t.end());
            bytes += t.bytes();
        }
        if (bytes == 0 || end - begin > MAX_SPAN_FACTOR * bytes) {
            for (String name : names) {
                SafeTensorsFile.Tensor t = weights.ref(prefix + name).tensor();
                out.put(name, file.map(t, arena, populate));
            }
            return;
        }
        MemorySegment span = file.mapData(begin, end, arena);
        if (populate) {
            Madvise.populate(span);
        }
        for (String name : names) {
            SafeTensorsFile.Tensor t = weights.ref(prefix + name).tensor();
            MemorySegment slice = span.asSlice(t.begin() - begin, t.bytes());
            if (slice.address() % t.dtype().bytes() != 0) {
                // vectorised kernels may assume aligned elements: copy the odd tensor (never seen in HF files)
                slice = arena.allocate(t.bytes(), 64).copyFrom(slice);
            }
            out.put(name, slice.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
        }
    }

    /** The arena the mappings live in (for native buffers that must live exactly as long, e.g. widened bf16). */
    Arena arena() {
        return arena;
    }

    /** The mapped bytes of {@code name} (relative to the block's prefix): direct, little-endian, position 0. */
    ByteBuffer buffer(String name) {
        ByteBuffer b = buffers.get(name);
        if (b == null) {
            throw new IllegalStateException("tensor '" + name + "' was not mapped for this layer");
        }
        return b;
    }

    @Override
    public void close() {
        arena.close();
    }
}
