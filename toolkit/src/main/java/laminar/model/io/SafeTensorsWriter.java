package laminar.model.io;

import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a {@code .safetensors} file: the header is written first (tensor shapes and dtypes are declared up
 * front), then each tensor's data in declaration order through {@link #tensor}. The header is padded with spaces
 * to a multiple of 8 bytes, as the reference writer does, so that readers can map float data aligned.
 */
public final class SafeTensorsWriter implements AutoCloseable {

    /** A tensor to declare: name, dtype and shape. */
    public record Entry(String name, DType dtype, long[] shape) {
        long bytes() {
            long n = dtype.bytes();
            for (long s : shape) {
                n *= s;
            }
            return n;
        }
    }

    /** Fills a tensor's bytes chunk by chunk: {@code fill(buffer, firstElement, count)} puts {@code count} elements. */
    public interface Filler {
        void fill(ByteBuffer buffer, long first, int count);
    }

    private static final int CHUNK_BYTES = 1 << 20;

    private final FileChannel channel;
    private final List<Entry> entries;
    private int next;

    public SafeTensorsWriter(Path file, List<Entry> entries, Map<String, String> metadata) throws IOException {
        this.entries = List.copyOf(entries);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            header.put("__metadata__", metadata);
        }
        long offset = 0;
        for (Entry e : entries) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("dtype", e.dtype().name());
            t.put("shape", e.shape());
            t.put("data_offsets", new long[] {offset, offset + e.bytes()});
            header.put(e.name(), t);
            offset += e.bytes();
        }
        byte[] json = new GsonBuilder().disableHtmlEscaping().create().toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        writeFully(head);
    }

    /** Writes the next declared tensor's data. */
    public void tensor(String name, Filler filler) throws IOException {
        Entry e = entries.get(next++);
        if (!e.name().equals(name)) {
            throw new IllegalStateException("expected tensor " + e.name() + ", got " + name);
        }
        int size = e.dtype().bytes();
        long total = e.bytes() / size;
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int per = CHUNK_BYTES / size;
        for (long first = 0; first < total; first += per) {
            int count = (int) Math.min(per, total - first);
            buf.clear();
            filler.fill(buf, first, count);
            if (buf.position() != count * size) {
                throw new IllegalStateException(name + ": filler wrote " + buf.position() + " bytes, not " + count * size);
            }
            buf.flip();
            writeFully(buf);
        }
    }

    /** Writes the next declared tensor from floats (F32 only). */
    public void floats(String name, float[] data) throws IOException {
        tensor(name, (b, first, count) -> {
            for (int i = 0; i < count; i++) {
                b.putFloat(data[(int) first + i]);
            }
        });
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Flushes the data to the device. */
    public void force() throws IOException {
        channel.force(true);
    }

    public static List<Entry> list(Entry... e) {
        return new ArrayList<>(List.of(e));
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (next != entries.size()) {
            throw new IllegalStateException("only " + next + " of " + entries.size() + " tensors written");
        }
    }

    /**
     * Writes float32 tensors (in the map's order) with the given shapes and metadata — for result files such as the
     * chosen layer's cosine matrices. Not atomic: write into a staging directory.
     */
    public static void writeFloat32(Path file, Map<String, float[]> tensors, Map<String, long[]> shapes,
                                    Map<String, String> metadata) throws IOException {
        List<Entry> entries = new java.util.ArrayList<>();
        tensors.keySet().forEach(name -> entries.add(new Entry(name, DType.F32, shapes.get(name))));
        try (SafeTensorsWriter w = new SafeTensorsWriter(file, entries, metadata)) {
            for (Map.Entry<String, float[]> t : tensors.entrySet()) {
                w.floats(t.getKey(), t.getValue());
            }
        }
    }
}
