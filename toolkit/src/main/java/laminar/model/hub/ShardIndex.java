package laminar.model.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import laminar.json.StrictJson;
import laminar.LaminarException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The shard file names a {@code model.safetensors.index.json} lists, each checked before any is used. */
final class ShardIndex {

    private ShardIndex() {
    }

    /**
     * The distinct shard names of the index at {@code index}, in order, every one a plain relative file name
     * ({@link HubNames#repoFile}).
     *
     * @param source where the index came from, for messages
     * @throws LaminarException when the index is not a JSON object with a {@code weight_map} of strings, or a name
     *         is not a plain relative file name
     */
    static List<String> shards(Path index, String source) {
        JsonObject map;
        try {
            JsonElement root = StrictJson.read(index, "download the checkpoint again");
            map = root.isJsonObject() && root.getAsJsonObject().get("weight_map") instanceof JsonObject m ? m : null;
        } catch (RuntimeException e) { // malformed JSON included: the message below says what is wrong
            map = null;
        }
        if (map == null || map.isEmpty()) {
            throw new LaminarException(source + " has no weight_map object naming the shards; it is not a valid"
                    + " safetensors index");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, JsonElement> e : map.entrySet()) {
            JsonElement v = e.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw new LaminarException(source + ": weight_map entry '" + HubNames.printable(e.getKey())
                        + "' is not a file name string");
            }
            names.add(HubNames.repoFile(v.getAsString(), source + ", weight_map entry '"
                    + HubNames.printable(e.getKey()) + "'"));
        }
        return List.copyOf(names);
    }
}
