package laminar.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import laminar.LaminarException;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 8259 JSON and nothing more, for every JSON file laminar reads (config.json, safetensors headers, activation
 * metadata, vocab.json, and the Hub's index files).
 *
 * <p>Gson's own {@code JsonParser} is lenient: it accepts comments, unquoted keys, single quotes, {@code NaN}
 * literals and text after the value, lets the last of two equal keys win, and its messages carry hints on how to
 * configure Gson and a URL. Here the document is read with {@link Strictness#STRICT}, duplicate keys are refused,
 * anything after the value is refused, numbers are kept exact ({@link BigDecimal}), and every problem is a
 * {@link LaminarException} of one line: {@code <source> is not valid JSON (<problem> at line L, column C, <json
 * path>); <fix>}.
 *
 * <pre>{@code
 * JsonObject o = StrictJson.parseObject(text, file.toString(), "restore config.json from the model's repository");
 * JsonFields f = new JsonFields(file.toString(), o, "fix config.json");
 * boolean scale = f.bool("scale_attn_weights", true);
 * }</pre>
 */
public final class StrictJson {

    /** Gson's location suffix: " at line 3 column 7 path $.a" (the text after it is a troubleshooting URL). */
    private static final Pattern LOCATION = Pattern.compile(" at line (\\d+) column (\\d+) path (\\S*)");

    private StrictJson() {
    }

    /**
     * Reads {@code file} as UTF-8 JSON.
     *
     * @param fix what the user should do when the file is malformed (ends every message)
     */
    public static JsonElement read(Path file, String fix) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new LaminarException(file + ": no such file; " + fix);
        } catch (IOException e) {
            throw new LaminarException(file + ": cannot be read (" + e.getMessage() + "); check its permissions");
        }
        return parse(utf8(bytes, file.toString(), fix), file.toString(), fix);
    }

    /** {@link #read} of a file whose value must be an object. */
    public static JsonObject readObject(Path file, String fix) {
        return asObject(read(file, fix), file.toString(), fix);
    }

    /** Decodes strict UTF-8 (malformed bytes refused; a leading byte-order mark is refused too, as RFC 8259 allows). */
    public static String utf8(byte[] bytes, String source, String fix) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new LaminarException(source + " is not UTF-8 text; " + fix);
        }
    }

    /** Parses one JSON document whose value must be an object. */
    public static JsonObject parseObject(String text, String source, String fix) {
        return asObject(parse(text, source, fix), source, fix);
    }

    private static JsonObject asObject(JsonElement e, String source, String fix) {
        if (!e.isJsonObject()) {
            throw new LaminarException(source + " is not a JSON object {...} but " + kind(e) + "; " + fix);
        }
        return e.getAsJsonObject();
    }

    /**
     * Parses one JSON document.
     *
     * @param source names the text in messages (a file path, or e.g. {@code "file: __metadata__ 'words'"})
     * @param fix what the user should do (ends every message)
     */
    public static JsonElement parse(String text, String source, String fix) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement value = value(reader, source, fix);
            String after = " (after " + reader.getPath() + ")";
            boolean more;
            try {
                more = reader.peek() != JsonToken.END_DOCUMENT;
            } catch (IOException e) {
                more = true; // e.g. a word that only lenient JSON would read
            }
            if (more) {
                throw new LaminarException(source + " has text after the JSON value" + after + "; " + fix);
            }
            return value;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // MalformedJsonException, EOFException (empty or cut text), a number literal BigDecimal refuses.
            throw new LaminarException(source + " is not valid JSON (" + describe(e) + "); " + fix);
        }
    }

    private static JsonElement value(JsonReader reader, String source, String fix) throws IOException {
        return switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String key = reader.nextName();
                    if (o.has(key)) {
                        throw new LaminarException(source + " has the key \"" + printable(key) + "\" twice" + where(reader)
                                + ": JSON keys must be unique (which one would count is undefined); " + fix);
                    }
                    o.add(key, value(reader, source, fix));
                }
                reader.endObject();
                yield o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    a.add(value(reader, source, fix));
                }
                reader.endArray();
                yield a;
            }
            case STRING -> new JsonPrimitive(reader.nextString());
            case NUMBER -> new JsonPrimitive(new BigDecimal(reader.nextString()));
            case BOOLEAN -> new JsonPrimitive(reader.nextBoolean());
            case NULL -> {
                reader.nextNull();
                yield JsonNull.INSTANCE;
            }
            case END_DOCUMENT -> throw new java.io.EOFException("the text ends before a value");
            default -> throw new IllegalStateException("unexpected " + reader.peek());
        };
    }

    private static String where(JsonReader reader) {
        return " (at " + reader.getPath() + ")";
    }

    /** Gson's message without its configuration hint and troubleshooting URL. */
    static String describe(Exception e) {
        if (e instanceof java.io.EOFException) {
            return "the text ends too early";
        }
        if (e instanceof NumberFormatException) {
            return "a number is out of range";
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        Matcher at = LOCATION.matcher(m);
        String location = "";
        if (at.find()) {
            location = " at line " + at.group(1) + ", column " + at.group(2) + ", " + at.group(3);
            m = m.substring(0, at.start());
        }
        if (m.startsWith("Use JsonReader.setStrictness")) {
            m = "a comment, unquoted or single-quoted text, NaN/Infinity or a missing comma or colon";
        } else if (m.startsWith("End of input")) {
            m = "the text ends too early";
        } else if (m.startsWith("Nesting limit")) {
            m = "nested too deeply";
        } else if (m.startsWith("Invalid escape") || m.startsWith("Unescaped control")) {
            m = m.replace("; the JSON is not strict", "");
        }
        return m.toLowerCase(java.util.Locale.ROOT).charAt(0) + m.substring(1) + location;
    }

    /** The JSON kind of {@code e} for messages: object, array, string, number, true/false or null. */
    public static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() ? "a string" : p.isNumber() ? "a number" : "a boolean";
    }

    /** {@code e} as short JSON text for messages (cut at 60 characters, control characters escaped). */
    public static String shortText(JsonElement e) {
        String s = e == null ? "nothing" : e.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** A key or word for messages: control characters escaped, cut at 80 characters. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder();
        int end = Math.min(s.length(), 80);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return end < s.length() ? b + "..." : b.toString();
    }
}
