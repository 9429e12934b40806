package laminar.model.hub;

import laminar.LaminarException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where the Hugging Face cache is and how to reach the Hub, from the same environment variables huggingface_hub
 * reads: {@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else
 * {@code ~/.cache/huggingface/hub}; {@code HF_ENDPOINT} (default {@code https://huggingface.co});
 * {@code HF_HUB_OFFLINE=1} forbids downloads; {@code HF_TOKEN} is sent to the endpoint (not to redirects);
 * {@code HF_HUB_DOWNLOAD_TIMEOUT} (seconds, default 10) is the longest wait for the next bytes of a download and
 * {@code HF_HUB_ETAG_TIMEOUT} (seconds, default 10) the longest wait for a metadata (HEAD) answer.
 *
 * @param cache the hub cache directory (holding {@code models--org--name/})
 * @param endpoint base URL of the Hub, without trailing slash (checked to be http(s) when first used)
 * @param offline never download
 * @param token bearer token or {@code null}
 * @param progress draw download progress bars
 * @param downloadTimeout longest silence within a download (and before its answer) before it is given up
 * @param etagTimeout longest wait for the answer to a metadata request
 */
public record HubSettings(Path cache, String endpoint, boolean offline, String token, boolean progress,
                          Duration downloadTimeout, Duration etagTimeout) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    /** huggingface_hub's default for both timeouts. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public HubSettings {
        endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        if (downloadTimeout.isNegative() || downloadTimeout.isZero() || etagTimeout.isNegative() || etagTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** With huggingface_hub's default timeouts. */
    public HubSettings(Path cache, String endpoint, boolean offline, String token, boolean progress) {
        this(cache, endpoint, offline, token, progress, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT);
    }

    /** The same settings with another download (read) timeout. */
    public HubSettings withDownloadTimeout(Duration timeout) {
        return new HubSettings(cache, endpoint, offline, token, progress, timeout, etagTimeout);
    }

    /** The same settings with another endpoint. */
    public HubSettings withEndpoint(String url) {
        return new HubSettings(cache, url, offline, token, progress, downloadTimeout, etagTimeout);
    }

    /** From the process environment. */
    public static HubSettings fromEnvironment(boolean progress) {
        return fromEnvironment(System.getenv(), progress);
    }

    /**
     * From the given environment map (tests pass their own).
     *
     * @throws LaminarException when a timeout variable is not a positive number of seconds
     */
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
        String endpoint = nonEmpty(env.get("HF_ENDPOINT")) ? env.get("HF_ENDPOINT").strip() : DEFAULT_ENDPOINT;
        String off = env.getOrDefault("HF_HUB_OFFLINE", "");
        boolean offline = off.equals("1") || off.equalsIgnoreCase("true") || off.equalsIgnoreCase("yes");
        String token = nonEmpty(env.get("HF_TOKEN")) ? env.get("HF_TOKEN") : null;
        return new HubSettings(cache, endpoint, offline, token, progress,
                seconds(env, "HF_HUB_DOWNLOAD_TIMEOUT"), seconds(env, "HF_HUB_ETAG_TIMEOUT"));
    }

    /**
     * The endpoint as a URI, checked: an http or https URL with a host (a mirror may live under a path).
     *
     * @throws LaminarException naming HF_ENDPOINT otherwise
     */
    public URI endpointUri() {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new LaminarException("HF_ENDPOINT '" + HubNames.printable(endpoint) + "' is not an http(s) URL;"
                    + " unset it to use " + DEFAULT_ENDPOINT + ", or set it to your mirror's URL (e.g."
                    + " https://hf-mirror.example.org)");
        }
        return uri;
    }

    private static Duration seconds(Map<String, String> env, String name) {
        String v = env.get(name);
        if (!nonEmpty(v)) {
            return DEFAULT_TIMEOUT;
        }
        double s;
        try {
            s = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            s = Double.NaN;
        }
        if (!(s > 0) || s > 86_400) {
            throw new LaminarException(name + "='" + HubNames.printable(v) + "' is not a number of seconds (above 0,"
                    + " at most a day); unset it for the default of " + DEFAULT_TIMEOUT.toSeconds() + " s or set e.g. 60");
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isBlank();
    }
}
