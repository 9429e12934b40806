package laminar.model.hub;

import laminar.LaminarException;
import laminar.model.Gpt2Weights;
import laminar.model.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Downloads a GPT-2-family checkpoint from the Hugging Face Hub (or {@code HF_ENDPOINT}) into the hub cache, in
 * the layout huggingface_hub writes ({@code blobs/{etag}}, {@code snapshots/{commit}/{file}} as relative
 * symbolic links to the blobs, {@code refs/{revision}}), so transformers and laminar share the files.
 *
 * <p>Files: config.json; tokenizer.json (else vocab.json + merges.txt); model.safetensors (else
 * model.safetensors.index.json and its shards). A repository with only pickled weights is refused with the
 * conversion recipe. Each file is first asked for with HEAD (its commit, etag and size; LFS files answer with a
 * redirect and {@code X-Linked-Etag}/{@code X-Linked-Size}), then streamed into {@code blobs/{etag}.incomplete}:
 * an interrupted transfer is resumed with an HTTP Range request (within this run, up to three times, and by a
 * later run from the same {@code .incomplete}). A finished file is checked against the announced size and, for
 * LFS files whose etag is a sha256, against that hash; a mismatch deletes the download and fails.
 */
public final class HubDownloader {

    private static final int ATTEMPTS = 4;
    private static final int MAX_REDIRECTS = 5;

    private final HubSettings settings;
    private final HttpClient http;

    public HubDownloader(HubSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(15)).build();
    }

    /** What a HEAD of one file said. */
    record Meta(String commit, String etag, long size, URI location) {
    }

    /**
     * Downloads what is missing of {@code repoId} at {@code revision} and returns its snapshot directory.
     *
     * @throws LaminarException when offline, unreachable, not found, pickled-only, or a download fails verification
     */
    public Path download(String repoId, String revision) {
        if (settings.offline()) {
            throw new LaminarException(repoId + " is not in the Hugging Face cache (" + settings.cache()
                    + ") and HF_HUB_OFFLINE is set; download it where the Hub is reachable or give a model directory");
        }
        Meta config = head(repoId, revision, "config.json")
                .orElseThrow(() -> new LaminarException(repoId + ": the Hub (" + settings.endpoint() + ") has no such"
                        + " model or no config.json in it; check the name (e.g. gpt2-xl or openai-community/gpt2-xl)"));
        String commit = config.commit() != null ? config.commit() : HubCache.isCommit(revision) ? revision : null;
        if (commit == null) {
            throw new LaminarException(repoId + ": the Hub did not say which commit " + revision + " is (no"
                    + " X-Repo-Commit header); is HF_ENDPOINT (" + settings.endpoint() + ") a Hugging Face Hub?");
        }
        Path repo = HubCache.repoDir(settings.cache(), repoId);
        Path snapshot = repo.resolve("snapshots").resolve(commit);
        fetch(repoId, revision, snapshot, "config.json", config);
        Optional<Meta> tok = head(repoId, revision, "tokenizer.json");
        if (tok.isPresent()) {
            fetch(repoId, revision, snapshot, "tokenizer.json", tok.get());
        } else {
            for (String f : List.of("vocab.json", "merges.txt")) {
                Meta m = head(repoId, revision, f).orElseThrow(() -> new LaminarException(repoId
                        + ": has no tokenizer (tokenizer.json, or vocab.json + merges.txt); laminar needs one"));
                fetch(repoId, revision, snapshot, f, m);
            }
        }
        Optional<Meta> single = head(repoId, revision, Gpt2Weights.SINGLE);
        if (single.isPresent()) {
            fetch(repoId, revision, snapshot, Gpt2Weights.SINGLE, single.get());
        } else {
            Optional<Meta> index = head(repoId, revision, Gpt2Weights.INDEX);
            if (index.isEmpty()) {
                if (head(repoId, revision, "pytorch_model.bin").isPresent()) {
                    throw new LaminarException(repoId + ": has only pickled PyTorch weights (pytorch_model.bin);"
                            + " laminar reads safetensors only. Convert once in Python: from transformers import"
                            + " AutoModelForCausalLM; AutoModelForCausalLM.from_pretrained('" + repoId + "')"
                            + ".save_pretrained('DIR', safe_serialization=True), then pass --model DIR");
                }
                throw new LaminarException(repoId + ": has no model.safetensors (nor a sharded index); laminar needs"
                        + " safetensors weights");
            }
            fetch(repoId, revision, snapshot, Gpt2Weights.INDEX, index.get());
            try {
                var map = com.google.gson.JsonParser.parseString(Files.readString(snapshot.resolve(Gpt2Weights.INDEX)))
                        .getAsJsonObject().getAsJsonObject("weight_map");
                for (String shard : map.entrySet().stream().map(e -> e.getValue().getAsString()).distinct().toList()) {
                    Meta m = head(repoId, revision, shard).orElseThrow(() -> new LaminarException(repoId
                            + ": the index lists shard " + shard + " but the Hub does not have it"));
                    fetch(repoId, revision, snapshot, shard, m);
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof LaminarException le) {
                    throw le;
                }
                throw new LaminarException(repoId + ": its " + Gpt2Weights.INDEX + " is not valid (" + e.getMessage() + ")");
            }
        }
        if (!HubCache.isCommit(revision)) {
            try {
                Files.createDirectories(repo.resolve("refs"));
                Files.writeString(repo.resolve("refs").resolve(revision), commit);
            } catch (IOException e) {
                throw new LaminarException("cannot write into the Hugging Face cache " + settings.cache() + ": "
                        + e.getMessage() + "; set HF_HUB_CACHE to a writable directory");
            }
        }
        return snapshot;
    }

    private URI fileUri(String repoId, String revision, String file) {
        return URI.create(settings.endpoint() + "/" + repoId + "/resolve/"
                + URLEncoder.encode(revision, StandardCharsets.UTF_8) + "/" + file);
    }

    /** HEAD of one file without following redirects; empty when the Hub answers 404. */
    Optional<Meta> head(String repoId, String revision, String file) {
        URI uri = fileUri(repoId, revision, file);
        HttpResponse<Void> r = null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept-Encoding", "identity").timeout(Duration.ofSeconds(60));
            if (settings.token() != null) {
                b.header("Authorization", "Bearer " + settings.token());
            }
            r = send(b.build(), HttpResponse.BodyHandlers.discarding(), repoId);
            // Like huggingface_hub: follow relative redirects (renamed repositories) but not the one to the CDN,
            // whose response carries the LFS file's X-Linked-Etag and X-Linked-Size.
            Optional<String> loc = r.headers().firstValue("Location");
            if (r.statusCode() >= 300 && r.statusCode() < 400 && loc.isPresent() && URI.create(loc.get()).getHost() == null) {
                uri = uri.resolve(loc.get());
                continue;
            }
            break;
        }
        int status = r.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status == 401 || status == 403) {
            throw new LaminarException(repoId + ": the Hub refused access (HTTP " + status + "); a gated or private"
                    + " model needs HF_TOKEN set to a token that may read it");
        }
        if (status >= 400) {
            throw new LaminarException(repoId + ": the Hub answered HTTP " + status + " for " + file + "; try again later");
        }
        HttpHeaders h = r.headers();
        String etag = h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).map(HubDownloader::cleanEtag)
                .orElse(null);
        long size = h.firstValue("X-Linked-Size").or(() -> status < 300 ? h.firstValue("Content-Length")
                : Optional.empty()).map(Long::parseLong).orElse(-1L);
        URI location = status >= 300 && status < 400
                ? h.firstValue("Location").map(uri::resolve).orElse(uri) : uri;
        if (etag == null || etag.isEmpty() || etag.contains("/") || etag.contains("..")) {
            throw new LaminarException(repoId + ": the Hub gave no usable ETag for " + file + "; is HF_ENDPOINT ("
                    + settings.endpoint() + ") a Hugging Face Hub?");
        }
        return Optional.of(new Meta(h.firstValue("X-Repo-Commit").orElse(null), etag, size, location));
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

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String repoId) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException | java.nio.channels.UnresolvedAddressException e) {
            throw unreachable(repoId, e);
        } catch (IOException e) {
            if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException
                    || e.getCause() instanceof java.net.UnknownHostException) {
                throw unreachable(repoId, e);
            }
            throw new LaminarException(repoId + ": talking to the Hub failed (" + e + "); try again");
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

    /** Makes {@code snapshot/file} a link to {@code blobs/{etag}}, downloading the blob unless it is there. */
    private void fetch(String repoId, String revision, Path snapshot, String file, Meta meta) {
        Path repo = snapshot.getParent().getParent();
        Path blobs = repo.resolve("blobs");
        Path blob = blobs.resolve(meta.etag());
        Path link = snapshot.resolve(file);
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(snapshot);
            if (!(Files.isRegularFile(blob) && (meta.size() < 0 || Files.size(blob) == meta.size()))) {
                downloadBlob(repoId, file, meta, blob);
            }
            Files.deleteIfExists(link);
            try {
                Files.createSymbolicLink(link, link.getParent().relativize(blob));
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(blob, link, StandardCopyOption.REPLACE_EXISTING); // file systems without links
            }
        } catch (IOException e) {
            throw new LaminarException("cannot write into the Hugging Face cache " + settings.cache() + " ("
                    + e.getMessage() + "); set HF_HUB_CACHE to a writable directory");
        }
    }

    private void downloadBlob(String repoId, String file, Meta meta, Path blob) throws IOException {
        Path partial = blob.resolveSibling(blob.getFileName() + ".incomplete");
        boolean sha = meta.etag().matches("[0-9a-f]{64}");
        IOException last = null;
        try (Progress bar = Progress.bytes("laminar: " + file, Math.max(meta.size(), 0), settings.progress())) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try {
                    transfer(repoId, meta, partial, bar);
                    last = null;
                    break;
                } catch (IOException e) {
                    last = e; // resumed from the .incomplete file on the next attempt
                }
            }
        }
        if (last != null) {
            throw new LaminarException(repoId + ": downloading " + file + " failed (" + last.getMessage() + "); run"
                    + " again to resume from " + partial);
        }
        long got = Files.size(partial);
        if (meta.size() >= 0 && got != meta.size()) {
            Files.deleteIfExists(partial);
            throw new LaminarException(repoId + ": " + file + " arrived with " + got + " bytes instead of "
                    + meta.size() + "; the partial file was removed, run again");
        }
        if (sha) {
            String actual = sha256(partial);
            if (!actual.equals(meta.etag())) {
                Files.deleteIfExists(partial);
                throw new LaminarException(repoId + ": " + file + " failed verification (sha256 " + actual
                        + ", expected " + meta.etag() + "); the corrupt download was removed, run again");
            }
        }
        Files.move(partial, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** One GET, appending to {@code partial} from its current length (Range) or restarting when unsupported. */
    private void transfer(String repoId, Meta meta, Path partial, Progress bar) throws IOException {
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        if (meta.size() >= 0 && have > meta.size()) {
            Files.delete(partial);
            have = 0;
        }
        if (meta.size() >= 0 && have == meta.size()) {
            return;
        }
        URI uri = meta.location();
        HttpResponse<InputStream> r = null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("Accept-Encoding", "identity")
                    .timeout(Duration.ofMinutes(10));
            if (have > 0) {
                b.header("Range", "bytes=" + have + "-");
            }
            if (settings.token() != null && uri.getHost() != null
                    && uri.getHost().equals(URI.create(settings.endpoint()).getHost())) {
                b.header("Authorization", "Bearer " + settings.token());
            }
            r = send(b.build(), HttpResponse.BodyHandlers.ofInputStream(), repoId);
            int status = r.statusCode();
            if (status >= 300 && status < 400 && r.headers().firstValue("Location").isPresent()) {
                r.body().close();
                uri = uri.resolve(r.headers().firstValue("Location").get());
                continue;
            }
            break;
        }
        int status = r.statusCode();
        if (status == 416) { // nothing left to send: the partial file is complete (or longer than the blob)
            r.body().close();
            return;
        }
        if (status != 200 && status != 206) {
            r.body().close();
            throw new LaminarException(repoId + ": the Hub answered HTTP " + status + " for " + uri + "; try again later");
        }
        boolean append = status == 206 && have > 0;
        if (!append) {
            have = 0;
        }
        bar.set(have);
        try (InputStream in = r.body();
             OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                have += n;
                bar.set(have);
            }
        }
        if (meta.size() >= 0 && have < meta.size()) {
            throw new IOException("connection closed after " + have + " of " + meta.size() + " bytes");
        }
    }

    /** Hex sha256 of {@code bytes} (what LFS etags are). */
    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
