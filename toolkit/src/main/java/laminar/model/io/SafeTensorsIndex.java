package laminar.model.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import laminar.LaminarException;
import laminar.json.StrictJson;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sharded checkpoint's {@code model.safetensors.index.json}, read one way for every architecture: strict JSON, a
 * {@code weight_map} object of tensor name → shard file name, every shard name a plain file name of the index's
 * folder (never a path: the name came from a file or a server).
 */
public final class SafeTensorsIndex {

    /** The index's file name in a model folder. */
    public static final String FILE = "model.safetensors.index.json";

    private SafeTensorsIndex() {
    }

    /** Tensor name → shard file name, in the index's order. */
    public static Map<String, String> weightMap(Path index) {
        // Strict JSON first (its own message names the file); then the shape a reader needs.
        JsonElement root = StrictJson.read(index, "download the checkpoint again");
        try {
            JsonElement map = root.isJsonObject() ? root.getAsJsonObject().get("weight_map") : null;
            if (map == null || !map.isJsonObject()) {
                throw new JsonParseException("no weight_map object");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : map.getAsJsonObject().entrySet()) {
                String shard = e.getValue().getAsString();
                if (shard.isEmpty() || shard.contains("/") || shard.contains("\\") || shard.startsWith("..")) {
                    throw new JsonParseException("shard name '" + StrictJson.printable(shard)
                            + "' is not a plain file name");
                }
                out.put(e.getKey(), shard);
            }
            return out;
        } catch (RuntimeException e) {
            throw new LaminarException(index + ": is not a valid safetensors index (" + e.getMessage() + ");"
                    + " download the checkpoint again");
        }
    }
}
