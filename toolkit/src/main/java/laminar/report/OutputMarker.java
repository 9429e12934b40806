package laminar.report;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file that makes a folder recognisably laminar's: {@value #NAME}, written first into every staging folder and
 * so present in every committed output. {@code --force} replaces only a folder holding it, and only stale staging
 * folders holding it (or empty ones) are ever cleaned up.
 *
 * <p>Its JSON names the format ({@value #FORMAT}), laminar's version, when and where it was written (host, process
 * id and that process's start time, to tell a live staging folder from one whose process is gone).
 */
public final class OutputMarker {

    /** The marker's file name. */
    public static final String NAME = ".laminar-output.json";

    /** The {@code format} value; the part before the slash is what identifies laminar's folders. */
    public static final String FORMAT = "laminar.output/1";

    private static final String FORMAT_FAMILY = "laminar.output/";

    /** A marker is a few hundred bytes; anything much larger is not one (and is not read). */
    private static final long MAX_BYTES = 64 * 1024;

    private OutputMarker() {
    }

    /** Writes the marker of this process into {@code dir}. */
    static void write(Path dir) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("laminar", RunMetadata.version());
        m.put("created", Instant.now().toString());
        m.put("host", host());
        m.put("pid", ProcessHandle.current().pid());
        Files.writeString(dir.resolve(NAME), new Gson().toJson(m) + "\n", StandardCharsets.UTF_8);
    }

    /** Whether {@code dir} holds laminar's marker: a regular file (not a link) with laminar's format. */
    public static boolean isLaminars(Path dir) {
        return read(dir) != null;
    }

    /** The marker's host, or null when there is no valid marker. */
    static String host(Path dir) {
        JsonObject m = read(dir);
        if (m == null || !(m.get("host") instanceof JsonElement h) || !h.isJsonPrimitive()) {
            return null;
        }
        return h.getAsString();
    }

    private static JsonObject read(Path dir) {
        Path file = dir.resolve(NAME);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
                return null;
            }
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (e.isJsonObject() && e.getAsJsonObject().get("format") instanceof JsonElement f && f.isJsonPrimitive()
                    && f.getAsString().startsWith(FORMAT_FAMILY)) {
                return e.getAsJsonObject();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or not JSON: not a marker
        }
    }

    /** This machine's name, as written into markers (staging folders on a shared disk belong to their host). */
    static String host() {
        try { // the kernel's name, without a DNS lookup (the environment's HOSTNAME is not always exported)
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
