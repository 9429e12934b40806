package laminar.model.hub;

import laminar.LaminarException;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The two requests a download makes, as huggingface_hub makes them: a HEAD for a file's metadata (commit, ETag,
 * size; relative redirects of renamed repositories followed, the redirect of an LFS file to its CDN not followed)
 * and a GET of its bytes (every redirect followed). Every redirect must stay on http(s), at most
 * {@value #MAX_REDIRECTS} of them and never back to a URL already visited. Every name and number a server sends
 * is checked before it is used.
 */
final class HubRequests implements AutoCloseable {

    static final int MAX_REDIRECTS = 5;

    private final HubSettings settings;
    private final URI endpoint;
    private final HttpClient http;

    HubRequests(HubSettings settings) {
        this.settings = settings;
        this.endpoint = settings.endpointUri();
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.etagTimeout()).build();
    }

    /** Ends every connection now (a stalled one included: waiting for it to finish could take forever). */
    @Override
    public void close() {
        http.shutdownNow();
    }

    /** What a HEAD of one file said; {@code commit} is {@code null} when the server sent none. */
    record Meta(String commit, String etag, long size, URI location) {
    }

    URI fileUri(String repoId, String revision, String file) {
        StringBuilder path = new StringBuilder();
        for (String segment : file.split("/")) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(settings.endpoint() + "/" + repoId + "/resolve/"
                + URLEncoder.encode(revision, StandardCharsets.UTF_8) + path);
    }

    /**
     * HEAD of {@code file} at {@code revision}; empty when the file does not exist there.
     *
     * @throws LaminarException when the repository or revision does not exist, access is refused, the server
     *         misbehaves (bad redirect, header or name) or does not answer within {@code HF_HUB_ETAG_TIMEOUT}
     */
    Optional<Meta> head(String repoId, String revision, String file) {
        URI uri = fileUri(repoId, revision, file);
        Set<URI> seen = new HashSet<>();
        HttpResponse<Void> r;
        while (true) {
            redirectAllowed(seen, uri, file);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept-Encoding", "identity").timeout(settings.etagTimeout());
            authorize(b, uri);
            try {
                r = send(b.build(), HttpResponse.BodyHandlers.discarding(), repoId);
            } catch (HttpTimeoutException e) {
                throw new LaminarException(repoId + ": the Hub (" + settings.endpoint() + ") did not answer within "
                        + TimedBody.seconds(settings.etagTimeout()) + " s (HF_HUB_ETAG_TIMEOUT) about " + file
                        + "; try again, or raise HF_HUB_ETAG_TIMEOUT on a slow connection");
            } catch (IOException e) {
                throw new LaminarException(repoId + ": talking to the Hub about " + file + " failed (" + e + "); try again");
            }
            Optional<String> loc = r.headers().firstValue("Location");
            // Like huggingface_hub: follow relative redirects (renamed repositories) but not the one to the CDN,
            // whose response carries the LFS file's X-Linked-Etag and X-Linked-Size.
            if (isRedirect(r.statusCode()) && loc.isPresent()) {
                URI target = location(uri, loc.get(), file);
                URI given = URI.create(loc.get().strip());
                if (given.getScheme() == null && given.getRawAuthority() == null) { // relative: same server
                    uri = target;
                    continue;
                }
            }
            break;
        }
        return meta(r, uri, repoId, revision, file);
    }

    private Optional<Meta> meta(HttpResponse<Void> r, URI uri, String repoId, String revision, String file) {
        int status = r.statusCode();
        HttpHeaders h = r.headers();
        String error = h.firstValue("X-Error-Code").orElse("");
        if (error.equals("RepoNotFound")) {
            throw new LaminarException(repoId + ": the Hub (" + settings.endpoint() + ") has no such model (or it is"
                    + " private and needs HF_TOKEN); check the name, e.g. gpt2-xl or openai-community/gpt2-xl");
        }
        if (error.equals("RevisionNotFound")) {
            throw new LaminarException(repoId + ": the Hub has no revision '" + revision + "' of this model; give an"
                    + " existing branch, tag or commit (e.g. " + repoId + "@main)");
        }
        if (status == 404) {
            return Optional.empty();
        }
        if (status == 401 || status == 403) {
            throw new LaminarException(repoId + ": the Hub refused access (HTTP " + status + "); a gated or private"
                    + " model needs HF_TOKEN set to a token that may read it");
        }
        if (status >= 400 || status < 200) {
            throw new LaminarException(repoId + ": the Hub answered HTTP " + status + " for " + file + "; try again later");
        }
        String source = "the Hub's answer for " + file + " of " + repoId;
        URI location = uri;
        if (isRedirect(status)) {
            String loc = h.firstValue("Location").orElseThrow(() -> new LaminarException(repoId + ": the Hub answered"
                    + " HTTP " + status + " for " + file + " without a Location; is HF_ENDPOINT a Hugging Face Hub?"));
            location = location(uri, loc, file);
        }
        String etag = h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).map(HubRequests::cleanEtag)
                .orElse(null);
        if (etag == null || etag.isEmpty()) {
            throw new LaminarException(repoId + ": the Hub gave no ETag for " + file + "; is HF_ENDPOINT ("
                    + settings.endpoint() + ") a Hugging Face Hub?");
        }
        HubNames.etag(etag, source);
        String commit = h.firstValue("X-Repo-Commit").orElse(null);
        if (commit != null) {
            HubNames.commit(commit.strip(), "X-Repo-Commit in " + source);
            commit = commit.strip();
        }
        Optional<String> linked = h.firstValue("X-Linked-Size");
        String sizeHeader = linked.isPresent() ? "X-Linked-Size"
                : isRedirect(status) ? null : h.firstValue("Content-Length").isPresent() ? "Content-Length" : null;
        long size = sizeHeader == null ? -1 : size(h.firstValue(sizeHeader).orElseThrow(), sizeHeader, source);
        return Optional.of(new Meta(commit, etag, size, location));
    }

    private static long size(String value, String header, String source) {
        try {
            long size = Long.parseLong(value.strip());
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new LaminarException(header + " '" + HubNames.printable(value) + "' in " + source + " is not a size in"
                + " bytes; is HF_ENDPOINT a Hugging Face Hub?");
    }

    /**
     * GET of {@code uri} from byte {@code from} on (a Range request when above 0), redirects followed; the body
     * times out after {@code HF_HUB_DOWNLOAD_TIMEOUT} without bytes ({@link TimedBody}).
     *
     * @throws IOException when the transfer fails in a way that a retry may cure (or {@link HttpTimeoutException}
     *         when no answer came within the download timeout)
     */
    HttpResponse<InputStream> get(URI start, long from, String repoId, String file) throws IOException {
        URI uri = start;
        Set<URI> seen = new HashSet<>();
        while (true) {
            redirectAllowed(seen, uri, file);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("Accept-Encoding", "identity")
                    .timeout(settings.downloadTimeout());
            if (from > 0) {
                b.header("Range", "bytes=" + from + "-");
            }
            authorize(b, uri);
            HttpResponse<InputStream> r = send(b.build(), TimedBody.handler(settings.downloadTimeout()), repoId);
            Optional<String> loc = r.headers().firstValue("Location");
            if (isRedirect(r.statusCode()) && loc.isPresent()) {
                r.body().close();
                uri = location(uri, loc.get(), file);
                continue;
            }
            return r;
        }
    }

    /** The token goes to the endpoint's own host only, never to a CDN or another host a redirect names. */
    private void authorize(HttpRequest.Builder b, URI uri) {
        if (settings.token() != null && uri.getHost() != null && uri.getHost().equalsIgnoreCase(endpoint.getHost())
                && uri.getPort() == endpoint.getPort()) {
            b.header("Authorization", "Bearer " + settings.token());
        }
    }

    private static void redirectAllowed(Set<URI> seen, URI uri, String file) {
        if (!seen.add(uri)) {
            throw new LaminarException("the Hub's redirects for " + file + " loop (back to " + uri + "); is"
                    + " HF_ENDPOINT a Hugging Face Hub? try again later");
        }
        if (seen.size() > MAX_REDIRECTS + 1) {
            throw new LaminarException("the Hub redirected " + file + " more than " + MAX_REDIRECTS + " times (last to "
                    + uri + "); is HF_ENDPOINT a Hugging Face Hub? try again later");
        }
    }

    /** A redirect's target, resolved against the current URL; only http(s) with a host is accepted. */
    private static URI location(URI current, String location, String file) {
        URI target;
        try {
            target = current.resolve(new URI(location.strip()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            target = null;
        }
        String scheme = target == null || target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (target == null || !(scheme.equals("http") || scheme.equals("https")) || target.getHost() == null) {
            throw new LaminarException("the Hub redirected " + file + " to '" + HubNames.printable(location)
                    + "', which is not an http(s) URL; refusing to follow it (is HF_ENDPOINT a Hugging Face Hub?)");
        }
        return target;
    }

    private static boolean isRedirect(int status) {
        return status >= 300 && status < 400;
    }

    static String cleanEtag(String etag) {
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String repoId)
            throws IOException {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException | java.nio.channels.UnresolvedAddressException e) {
            throw unreachable(repoId, e);
        } catch (IOException e) {
            if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException
                    || e.getCause() instanceof java.net.UnknownHostException) {
                throw unreachable(repoId, e);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaminarException(repoId + ": download interrupted");
        }
    }

    private LaminarException unreachable(String repoId, Exception e) {
        return new LaminarException(repoId + " is not in the Hugging Face cache (" + settings.cache() + ") and the Hub ("
                + settings.endpoint() + ") cannot be reached (" + e.getClass().getSimpleName() + "); download it on a"
                + " machine with internet (huggingface-cli download " + repoId + ") or pass a model directory");
    }
}
