package laminar.model.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import laminar.LaminarException;
import laminar.json.StrictJson;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzzes the activation-metadata reader ({@code __metadata__} of activations.safetensors): the input is the
 * metadata as it stands in a safetensors header (a JSON object of strings); any such object either gives
 * consistent metadata or a {@link LaminarException}; any other exception is a finding (corpus in
 * {@code ActivationMetadataFuzzTestInputs/metadata/}). Inputs that are not an object of strings are the header
 * parser's business ({@link SafeTensorsHeaderFuzzTest}) and are skipped here.
 */
class ActivationMetadataFuzzTest {

    private static final Path FILE = Path.of("activations.safetensors");

    @FuzzTest(maxDuration = "5m")
    void metadata(@NotNull byte[] bytes) {
        Map<String, String> meta = new LinkedHashMap<>();
        try {
            JsonObject o = StrictJson.parseObject(StrictJson.utf8(bytes, "input", "-"), "input", "-");
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                if (!e.getValue().isJsonPrimitive() || !e.getValue().getAsJsonPrimitive().isString()) {
                    return;
                }
                meta.put(e.getKey(), e.getValue().getAsString());
            }
        } catch (LaminarException notAnObjectOfStrings) {
            return;
        }
        try {
            LaminarMetadata m = LaminarMetadata.of(FILE, meta);
            if (m.tokenIds().length != m.words().size() || m.nLayer() < 1 || m.nEmbd() < 1 || m.columns() < 1) {
                throw new AssertionError("accepted inconsistent metadata: " + meta);
            }
        } catch (LaminarException expected) {
            // refused with a message: fine
        }
    }
}
