package laminar.model.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import laminar.LaminarException;
import laminar.json.StrictJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code .safetensors} file: its header parsed and checked, its tensors memory-mapped on demand.
 *
 * <p>The format: an 8-byte little-endian header length {@code n}, {@code n} bytes of UTF-8 JSON mapping each
 * tensor name to {@code {dtype, shape, data_offsets: [begin, end]}} (offsets relative to the byte after the
 * header) plus an optional {@code __metadata__} string map, then the raw little-endian tensor data.
 *
 * <p>{@link #open} checks everything that can be checked without reading the data: the header length against
 * the file size and a 100 MB limit, the JSON, every dtype, that each tensor's byte range matches its shape and
 * lies inside the file, and that no two ranges overlap. Every problem is a {@link LaminarException} naming the
 * file, the problem and the fix.
 *
 * <p>Tensors are never read into the Java heap: {@link #map} memory-maps one tensor into an {@link Arena}; the
 * mapping is released when the arena is closed (so a caller can drop each layer's pages after use). The file is
 * mapped copy-on-write ({@code MapMode.PRIVATE}) when it can be opened for writing, because PyTorch ops that
 * write in place into a read-only mapping crash the JVM; when the file is read-only (a shared model directory)
 * it is mapped {@code READ_ONLY}, which is safe as long as the weights are only read (laminar never writes into
 * them).
 */
public final class SafeTensorsFile implements AutoCloseable {

    /** A header larger than this is refused (the reference implementation uses the same limit). */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final String REEXPORT = "not a safetensors file or a damaged one; re-export it with safetensors";

    /** One tensor of the header: its byte range {@code [begin, end)} is relative to {@link #dataStart()}. */
    public record Tensor(String name, DType dtype, long[] shape, long begin, long end) {
        /** Number of elements (1 for a scalar). */
        public long elements() {
            long n = 1;
            for (long s : shape) {
                n = Math.multiplyExact(n, s);
            }
            return n;
        }

        public long bytes() {
            return end - begin;
        }

        /** The shape as {@code [a, b]} for messages. */
        public String shapeString() {
            return java.util.Arrays.toString(shape);
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final FileChannel.MapMode mode;
    private final long dataStart;
    private final long fileSize;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    private SafeTensorsFile(Path path, FileChannel channel, FileChannel.MapMode mode, long dataStart, long fileSize,
                            Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.mode = mode;
        this.dataStart = dataStart;
        this.fileSize = fileSize;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Opens and validates {@code file}; throws {@link LaminarException} for any malformed input. */
    public static SafeTensorsFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LaminarException(file + ": no such file; give the path of a .safetensors file"
                    + " (or of a model directory that has model.safetensors)");
        }
        FileChannel channel = null;
        FileChannel.MapMode mode = FileChannel.MapMode.PRIVATE;
        try {
            try {
                // PRIVATE mappings need a channel opened for writing; nothing is ever written through it.
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (AccessDeniedException | UnsupportedOperationException e) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
                mode = FileChannel.MapMode.READ_ONLY;
            } catch (FileSystemException e) {
                if (e instanceof NoSuchFileException) {
                    throw e;
                }
                channel = FileChannel.open(file, StandardOpenOption.READ); // e.g. a read-only file system
                mode = FileChannel.MapMode.READ_ONLY;
            }
            long size = channel.size();
            Header h = readHeader(file, channel, size);
            return new SafeTensorsFile(file, channel, mode, h.dataStart, size, h.tensors, h.metadata);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LaminarException(file + ": cannot be read (" + e.getMessage() + "); check the path and its permissions", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    record Header(long dataStart, Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    private static Header readHeader(Path file, FileChannel channel, long size) throws IOException {
        if (size < 8) {
            throw bad(file, "is truncated: " + size + " bytes, shorter than the 8-byte header length every"
                    + " safetensors file starts with; download or copy it again");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lenBuf, 0);
        long n = lenBuf.getLong(0);
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw bad(file, "declares a header of " + Long.toUnsignedString(n) + " bytes, over the 100 MB limit:"
                    + " it is not a safetensors file or it is damaged; re-export it with safetensors");
        }
        if (n > size - 8) {
            throw bad(file, "declares a header of " + n + " bytes but the file has only " + (size - 8)
                    + " bytes after the length field: the file is truncated or not a safetensors file;"
                    + " download or copy it again");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(channel, hb, 8);
        return parseHeader(file, hb.array(), size - 8 - n);
    }

    /**
     * Parses and checks the header's JSON bytes; {@code dataLength} is the number of bytes after the header. Apart
     * from the file, for the fuzz tests.
     */
    static Header parseHeader(Path file, byte[] headerBytes, long dataLength) {
        // Strict: a header with a repeated tensor name is refused (the reference implementation refuses it; a lenient
        // parser would let the last entry win and compute with other numbers than the writer meant).
        String json = StrictJson.utf8(headerBytes, file + ": header", REEXPORT);
        JsonObject root = StrictJson.parseObject(json, file + ": header", REEXPORT);
        long dataStart = 8L + headerBytes.length;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : root.entrySet()) {
            String name = entry.getKey();
            if (name.equals("__metadata__")) {
                if (!entry.getValue().isJsonObject()) {
                    throw bad(file, "__metadata__ is not a JSON object of strings; re-export it with safetensors");
                }
                for (Map.Entry<String, JsonElement> m : entry.getValue().getAsJsonObject().entrySet()) {
                    if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                        throw bad(file, "__metadata__ value '" + StrictJson.printable(m.getKey()) + "' is not a string; re-export it with safetensors");
                    }
                    metadata.put(m.getKey(), m.getValue().getAsString());
                }
                continue;
            }
            tensors.put(name, parseTensor(file, name, entry.getValue(), dataLength));
        }
        List<Tensor> byOffset = new ArrayList<>(tensors.values());
        byOffset.sort(Comparator.comparingLong(Tensor::begin).thenComparingLong(Tensor::end));
        Tensor previous = null;
        for (Tensor t : byOffset) {
            if (previous != null && t.begin() < previous.end() && t.bytes() > 0 && previous.bytes() > 0) {
                throw bad(file, "tensors '" + StrictJson.printable(previous.name()) + "' (bytes " + previous.begin() + "-" + previous.end()
                        + ") and '" + StrictJson.printable(t.name()) + "' (bytes " + t.begin() + "-" + t.end() + ") overlap: the header is"
                        + " damaged; re-export the checkpoint with safetensors");
            }
            if (previous == null || t.end() > previous.end()) {
                previous = t;
            }
        }
        return new Header(dataStart, Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static Tensor parseTensor(Path file, String name, JsonElement value, long dataLength) {
        String label = StrictJson.printable(name); // names come from the file: no control characters in messages
        if (!value.isJsonObject()) {
            throw bad(file, "header entry '" + label + "' is not an object {dtype, shape, data_offsets}; re-export it with safetensors");
        }
        JsonObject o = value.getAsJsonObject();
        JsonElement dt = o.get("dtype");
        if (dt == null || !dt.isJsonPrimitive() || !dt.getAsJsonPrimitive().isString()) {
            throw bad(file, "tensor '" + label + "' has no dtype; re-export it with safetensors");
        }
        DType dtype = DType.fromHeader(dt.getAsString());
        if (dtype == null) {
            throw bad(file, "tensor '" + label + "' has unknown dtype '" + StrictJson.printable(dt.getAsString()) + "' (laminar computes"
                    + " with F32, F16 and BF16): the file is damaged or from an unsupported writer; re-export the"
                    + " checkpoint as float32 with safetensors");
        }
        long[] shape = longs(file, label, o.get("shape"), "shape", -1);
        long[] offsets = longs(file, label, o.get("data_offsets"), "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        Tensor t = new Tensor(name, dtype, shape, begin, end);
        long expected;
        try {
            expected = Math.multiplyExact(t.elements(), dtype.bytes());
        } catch (ArithmeticException e) {
            throw bad(file, "tensor '" + label + "' has an impossible shape " + t.shapeString() + "; re-export it with safetensors");
        }
        if (end < begin || end - begin != expected) {
            throw bad(file, "tensor '" + label + "' has data_offsets [" + begin + ", " + end + "] out of range for its"
                    + " shape " + t.shapeString() + " of " + dtype + " (" + expected + " bytes): the header is damaged;"
                    + " re-export the checkpoint with safetensors");
        }
        if (end > dataLength) {
            throw bad(file, "tensor '" + label + "' ends at byte " + end + " of the data but the file holds only "
                    + dataLength + " bytes of data: the file is truncated (an interrupted download or copy?);"
                    + " download or copy it again");
        }
        return t;
    }

    private static long[] longs(Path file, String label, JsonElement e, String field, int expectedLength) {
        if (e == null || !e.isJsonArray()) {
            throw bad(file, "tensor '" + label + "' has no " + field + " array; re-export it with safetensors");
        }
        JsonArray a = e.getAsJsonArray();
        if (expectedLength >= 0 && a.size() != expectedLength) {
            throw bad(file, "tensor '" + label + "' has " + a.size() + " " + field + " instead of " + expectedLength
                    + "; re-export it with safetensors");
        }
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement x = a.get(i);
            long v;
            try {
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                    throw new NumberFormatException();
                }
                v = x.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
            } catch (NumberFormatException | ArithmeticException ex) {
                throw bad(file, "tensor '" + label + "' has a non-integer " + field + " entry " + StrictJson.shortText(x) + "; re-export it with safetensors");
            }
            if (v < 0) {
                throw bad(file, "tensor '" + label + "' has a negative " + field + " entry " + v + "; re-export it with safetensors");
            }
            out[i] = v;
        }
        return out;
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int r = channel.read(buf, pos);
            if (r < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += r;
        }
    }

    private static LaminarException bad(Path file, String problem) {
        return new LaminarException(file + ": " + problem);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    public Path path() {
        return path;
    }

    /** The tensors in header order (the {@code __metadata__} entry excluded). */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} string map (empty when absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** File offset of the first data byte ({@code 8 + header length}). */
    public long dataStart() {
        return dataStart;
    }

    public long fileSize() {
        return fileSize;
    }

    /** Whether tensors are mapped copy-on-write ({@code true}) or read-only (the file was not writable). */
    public boolean copyOnWrite() {
        return mode == FileChannel.MapMode.PRIVATE;
    }

    /** The named tensor's header entry; {@link LaminarException} when absent. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new LaminarException(path + ": has no tensor '" + name + "'");
        }
        return t;
    }

    /**
     * Memory-maps one tensor: a direct, little-endian buffer of exactly its bytes with position 0, valid until
     * {@code arena} is closed. Nothing is copied (pages are read from the file when first touched); a tensor whose
     * data is not aligned to its element size is copied into an aligned native buffer of the same arena, because
     * vectorised kernels may assume aligned floats.
     */
    public ByteBuffer map(Tensor t, Arena arena) {
        return map(t, arena, false);
    }

    /**
     * {@link #map(Tensor, Arena)}, and with {@code load} also reads the pages in now
     * ({@link laminar.model.io.Madvise#populate}), so that a background thread can fault in the next layer while the current one computes.
     */
    public ByteBuffer map(Tensor t, Arena arena, boolean load) {
        if (t.bytes() == 0) {
            return ByteBuffer.allocateDirect(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        MemorySegment segment;
        try {
            segment = channel.map(mode, dataStart + t.begin(), t.bytes(), arena);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot map tensor '" + t.name() + "'", e);
        }
        if (load) {
            laminar.model.io.Madvise.populate(segment);
        }
        if (segment.address() % t.dtype().bytes() != 0) {
            MemorySegment aligned = arena.allocate(t.bytes(), 64);
            aligned.copyFrom(segment);
            segment = aligned;
        }
        return segment.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Memory-maps the data bytes {@code [begin, end)} (relative to {@link #dataStart()}, e.g. the span of several
     * tensors' {@link Tensor#begin()}/{@link Tensor#end()}) in this file's map mode, valid until {@code arena} is
     * closed. One mapping for a group of tensors costs one {@code mmap} and lets the group be read in at once
     * ({@link laminar.model.io.Madvise}); slice it per tensor.
     */
    public MemorySegment mapData(long begin, long end, Arena arena) {
        if (begin < 0 || end < begin || dataStart + end > fileSize) {
            throw new IllegalArgumentException("data range [" + begin + ", " + end + ") is outside " + path);
        }
        try {
            return channel.map(mode, dataStart + begin, end - begin, arena);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot map data bytes [" + begin + ", " + end + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "SafeTensorsFile[" + path + ", " + tensors.size() + " tensors]";
    }
}
