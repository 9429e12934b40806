package laminar.kernels;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the numpy/scipy fixtures written by {@code kernels/src/test/python/make_fixtures.py}. Floats are stored as
 * Python repr strings, which parse to exactly the same double.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The {@code cases} of a fixture file under {@code src/test/resources/laminar/kernels/}. */
    public static List<JsonObject> cases(String name) {
        String path = "/laminar/kernels/" + name;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path + "; run kernels/src/test/python/make_fixtures.py");
            }
            JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
            List<JsonObject> list = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("cases")) {
                list.add(e.getAsJsonObject());
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[] doubles(JsonObject o, String key) {
        JsonArray a = o.getAsJsonArray(key);
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = parse(a.get(i).getAsString());
        }
        return d;
    }

    /** Float32 values stored as the doubles they widen to. */
    public static float[] floats(JsonObject o, String key) {
        double[] d = doubles(o, key);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
            if (f[i] != d[i] && !Double.isNaN(d[i])) {
                throw new IllegalStateException(key + "[" + i + "] = " + d[i] + " is not a float32 value");
            }
        }
        return f;
    }

    public static long[] longs(JsonObject o, String key) {
        JsonArray a = o.getAsJsonArray(key);
        long[] l = new long[a.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = a.get(i).getAsLong();
        }
        return l;
    }

    public static double number(JsonObject o, String key) {
        return parse(o.get(key).getAsString());
    }

    /** Python repr of a float: also 'nan', 'inf', '-inf'. */
    private static double parse(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
