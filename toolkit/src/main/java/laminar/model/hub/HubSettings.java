package laminar.model.hub;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Hugging Face cache is and how to reach the Hub, from the same environment variables huggingface_hub
 * reads: {@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else
 * {@code ~/.cache/huggingface/hub}; {@code HF_ENDPOINT} (default {@code https://huggingface.co});
 * {@code HF_HUB_OFFLINE=1} forbids downloads; {@code HF_TOKEN} is sent to the endpoint (not to redirects).
 *
 * @param cache the hub cache directory (holding {@code models--org--name/})
 * @param endpoint base URL of the Hub, without trailing slash
 * @param offline never download
 * @param token bearer token or {@code null}
 * @param progress draw download progress bars
 */
public record HubSettings(Path cache, String endpoint, boolean offline, String token, boolean progress) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    public HubSettings {
        endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    /** From the process environment. */
    public static HubSettings fromEnvironment(boolean progress) {
        return fromEnvironment(System.getenv(), progress);
    }

    /** From the given environment map (tests pass their own). */
    public static HubSettings fromEnvironment(Map<String, String> env, boolean progress) {
        Path cache;
        if (nonEmpty(env.get("HF_HUB_CACHE"))) {
            cache = Path.of(env.get("HF_HUB_CACHE"));
        } else if (nonEmpty(env.get("HF_HOME"))) {
            cache = Path.of(env.get("HF_HOME"), "hub");
        } else if (nonEmpty(env.get("XDG_CACHE_HOME"))) {
            cache = Path.of(env.get("XDG_CACHE_HOME"), "huggingface", "hub");
        } else {
            cache = Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub");
        }
        String endpoint = nonEmpty(env.get("HF_ENDPOINT")) ? env.get("HF_ENDPOINT") : DEFAULT_ENDPOINT;
        String off = env.getOrDefault("HF_HUB_OFFLINE", "");
        boolean offline = off.equals("1") || off.equalsIgnoreCase("true") || off.equalsIgnoreCase("yes");
        String token = nonEmpty(env.get("HF_TOKEN")) ? env.get("HF_TOKEN") : null;
        return new HubSettings(cache, endpoint, offline, token, progress);
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isBlank();
    }
}
