package laminar.model.hub;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import laminar.LaminarException;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Cheap checks that a file in the cache (or just downloaded) is what its name says, so that an error page stored
 * in place of a file is found: not empty, not an HTML page, JSON files strict JSON (a shard index with plain
 * shard names only), safetensors files with a plausible header. Sizes and hashes are checked at download time ({@link HubDownloader}); these checks run on
 * every use of a cached snapshot and read only the start of large files.
 */
final class CacheFileCheck {

    private static final int SNIFF = 512;
    /**
     * JSON files up to this size (config.json, an index) are parsed in full; larger ones (a tokenizer.json is
     * 1.5 MB, a full parse costs about 0.6 s of a cold start) only checked to begin with '{' and end with '}',
     * which finds error pages and cut files; the tokenizer's own parser finds the rest.
     */
    private static final long FULL_JSON_CHECK = 64 * 1024;

    private CacheFileCheck() {
    }

    /** What is wrong with {@code file}, the cached copy of the repository file {@code name}; empty when nothing. */
    static Optional<String> problem(Path file, String name) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                return Optional.of("is empty");
            }
            byte[] head = new byte[(int) Math.min(SNIFF, size)];
            try (InputStream in = Files.newInputStream(file)) {
                in.readNBytes(head, 0, head.length);
            }
            String start = new String(head, StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
            if (start.startsWith("<!doctype") || start.startsWith("<html") || start.startsWith("<?xml")
                    || start.startsWith("<head") || start.startsWith("<body")) {
                return Optional.of("holds an HTML/XML page (an error page stored in place of " + name + ")");
            }
            if (name.endsWith(".json") && size > FULL_JSON_CHECK) {
                return jsonShape(file, head, size);
            }
            if (name.endsWith(".json")) {
                Optional<String> problem = json(file);
                return problem.isPresent() || !name.endsWith(".safetensors.index.json") ? problem : index(file);
            }
            if (name.endsWith(".safetensors")) {
                return safetensors(head, size);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Strict JSON, one object, checked by streaming over it (a tokenizer.json is megabytes: no tree is built). */
    private static Optional<String> json(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); JsonReader in = new JsonReader(r)) {
            in.setStrictness(Strictness.STRICT);
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
                return Optional.of("is not a JSON object");
            }
            in.skipValue();
            if (in.peek() != JsonToken.END_DOCUMENT) {
                return Optional.of("is not one JSON document (text follows it)");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("is not valid JSON");
        }
    }

    private static Optional<String> jsonShape(Path file, byte[] head, long size) throws IOException {
        byte[] tail = new byte[(int) Math.min(SNIFF, size)];
        try (var ch = Files.newByteChannel(file)) {
            ch.position(size - tail.length);
            ByteBuffer b = ByteBuffer.wrap(tail);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // fill
            }
        }
        boolean opens = new String(head, StandardCharsets.ISO_8859_1).strip().startsWith("{");
        boolean closes = new String(tail, StandardCharsets.ISO_8859_1).strip().endsWith("}");
        return opens && closes ? Optional.empty() : Optional.of("is not valid JSON (it does not begin with '{' and"
                + " end with '}': cut short or not JSON)");
    }

    /** An index whose shard names would leave the snapshot is as bad as an error page: never stored, never used. */
    private static Optional<String> index(Path file) {
        try {
            ShardIndex.shards(file, "the index");
            return Optional.empty();
        } catch (LaminarException e) {
            return Optional.of("is not a usable index: " + e.getMessage());
        }
    }

    /** A safetensors file starts with the little-endian length of a JSON header that fits in the file. */
    private static Optional<String> safetensors(byte[] head, long size) {
        if (head.length < 9) {
            return Optional.of("is too short for a safetensors file (" + size + " bytes)");
        }
        long n = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > size - 8 || head[8] != '{') {
            return Optional.of("does not start with a safetensors header");
        }
        return Optional.empty();
    }
}
