package laminar.model.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import laminar.LaminarException;
import laminar.model.Activations;
import laminar.model.Checkpoint;
import laminar.model.Gpt2Config;
import laminar.model.Gpt2Extractor;
import laminar.model.Gpt2Tokenizer;
import laminar.model.RandomCheckpoint;
import laminar.model.TokenizedStimuli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hub names, the Hugging Face cache layout, and downloads from a Hub-like server on loopback (never the real
 * internet): LFS files behind a redirect with X-Linked-Etag/X-Linked-Size, Range resumes, sha256 verification.
 */
class HubTest {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;

    HttpServer server;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final Map<String, byte[]> served = new ConcurrentHashMap<>(); // what the CDN sends (may differ: corruption)
    final List<String> log = new CopyOnWriteArrayList<>();
    volatile int cutNextTransferAt = -1;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    HubSettings settings() {
        return new HubSettings(tmp.resolve("hub"), endpoint(), false, null, false);
    }

    /** Serves {@code dir}'s files as the repository {@code repo}; big files as LFS (redirect + sha256 etag). */
    void publish(String repo, Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                byte[] b = Files.readAllBytes(p);
                files.put("/" + repo + "/resolve/main/" + p.getFileName(), b);
            }
        }
    }

    static boolean lfs(String path) {
        return path.endsWith(".safetensors");
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        log.add(ex.getRequestMethod() + " " + path + (range == null ? "" : " " + range));
        boolean head = ex.getRequestMethod().equals("HEAD");
        if (path.startsWith("/cdn/")) {
            byte[] body = served.get(path.substring(4));
            sendBody(ex, body, range, head);
            return;
        }
        byte[] body = files.get(path);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().add("X-Repo-Commit", COMMIT);
        if (lfs(path)) {
            served.putIfAbsent(path, body);
            ex.getResponseHeaders().add("X-Linked-Etag", "\"" + HubDownloader.sha256Hex(body) + "\"");
            ex.getResponseHeaders().add("X-Linked-Size", Long.toString(body.length));
            ex.getResponseHeaders().add("Location", endpoint() + "/cdn" + path);
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().add("ETag", "\"" + HubDownloader.sha256Hex(body).substring(0, 40) + "\"");
        sendBody(ex, body, range, head);
    }

    private void sendBody(HttpExchange ex, byte[] body, String range, boolean head) throws IOException {
        int from = 0;
        if (range != null && range.startsWith("bytes=")) {
            from = Integer.parseInt(range.substring(6, range.indexOf('-')));
        }
        if (from >= body.length && body.length > 0) {
            ex.sendResponseHeaders(416, -1);
            ex.close();
            return;
        }
        int length = body.length - from;
        if (from > 0) {
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        if (head) {
            ex.getResponseHeaders().add("Content-Length", Integer.toString(length));
            ex.sendResponseHeaders(from > 0 ? 206 : 200, -1);
            ex.close();
            return;
        }
        int cut = cutNextTransferAt;
        if (cut >= 0 && cut < length) {
            // An interrupted transfer as the client sees it: the body ends early.
            cutNextTransferAt = -1;
            length = cut;
        }
        ex.sendResponseHeaders(from > 0 ? 206 : 200, length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body, from, length);
        }
    }

    private Path model() {
        Path dir = tmp.resolve("src");
        tiny(dir, RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 11));
        return dir;
    }

    /** A small random GPT-2 whose tokenizer knows the words {@link #extract} uses. */
    static void tiny(Path dir, RandomCheckpoint.Spec spec) {
        RandomCheckpoint.write(dir, spec, null, RandomCheckpoint.DEFAULT_TEXT);
    }

    /** Extracts a few words from a model directory (proof that what was downloaded is a usable checkpoint). */
    static Activations extract(Path dir) {
        TokenizedStimuli s;
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(dir)) {
            s = TokenizedStimuli.of(tok, "The next word is {word}", List.of("galaxy", "sofa"));
        }
        try (Gpt2Extractor ex = Gpt2Extractor.open(dir, Gpt2Extractor.Options.defaults())) {
            return ex.extract(s);
        }
    }

    @Test
    void bareNamesMapToTheirOrganisation() {
        assertEquals("openai-community/gpt2-xl", HubCache.repoId("gpt2-xl"));
        assertEquals("openai-community/gpt2", HubCache.repoId("gpt2"));
        assertEquals("distilbert/distilgpt2", HubCache.repoId("distilgpt2"));
        assertEquals("someone/my-gpt2", HubCache.repoId("someone/my-gpt2"));
        assertTrue(HubCache.looksLikeRepoId("openai-community/gpt2-xl"));
        assertFalse(HubCache.looksLikeRepoId("../x"));
        assertFalse(HubCache.looksLikeRepoId("/abs/path"));
    }

    @Test
    void cacheDirectoryFromTheEnvironment() {
        assertEquals(Path.of("/c/hub"), HubSettings.fromEnvironment(Map.of("HF_HUB_CACHE", "/c/hub"), false).cache());
        assertEquals(Path.of("/h/hub"), HubSettings.fromEnvironment(Map.of("HF_HOME", "/h"), false).cache());
        assertEquals(Path.of("/x/huggingface/hub"),
                HubSettings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/x"), false).cache());
        assertEquals(Path.of(System.getProperty("user.home"), ".cache/huggingface/hub"),
                HubSettings.fromEnvironment(Map.of(), false).cache());
        assertEquals("https://huggingface.co", HubSettings.fromEnvironment(Map.of(), false).endpoint());
        assertEquals("http://e:1", HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "http://e:1/"), false).endpoint());
        assertTrue(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", "1"), false).offline());
    }

    @Test
    void findsAModelInTheCacheLayoutTransformersWrites() throws IOException {
        Path cache = tmp.resolve("hub");
        Path snap = cache.resolve("models--openai-community--gpt2-xl/snapshots").resolve(COMMIT);
        tiny(snap, RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 11));
        Files.createDirectories(cache.resolve("models--openai-community--gpt2-xl/refs"));
        Files.writeString(cache.resolve("models--openai-community--gpt2-xl/refs/main"), COMMIT);
        HubSettings offline = new HubSettings(cache, "http://127.0.0.1:9", true, null, false);
        for (String name : List.of("gpt2-xl", "openai-community/gpt2-xl", "gpt2-xl@main", "gpt2-xl@" + COMMIT)) {
            assertEquals(snap, Checkpoint.resolve(name, offline).directory(), name);
        }
        String m = assertThrows(LaminarException.class, () -> Checkpoint.resolve("gpt2-large", offline)).getMessage();
        assertTrue(m.contains("openai-community/gpt2-large is not in the Hugging Face cache") && m.contains("HF_HUB_OFFLINE"), m);
    }

    @Test
    void downloadsIntoTheCacheLayoutAndReusesIt() throws IOException {
        publish("openai-community/gpt2-xl", model());
        Checkpoint c = Checkpoint.resolve("gpt2-xl", settings());
        Path repo = tmp.resolve("hub/models--openai-community--gpt2-xl");
        assertEquals(repo.resolve("snapshots").resolve(COMMIT), c.directory());
        assertEquals(COMMIT, Files.readString(repo.resolve("refs/main")));
        Path weights = c.directory().resolve("model.safetensors");
        assertTrue(Files.isSymbolicLink(weights));
        assertEquals(Path.of("../../blobs").resolve(HubDownloader.sha256Hex(Files.readAllBytes(weights))),
                Files.readSymbolicLink(weights));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("src/model.safetensors")), Files.readAllBytes(weights));
        assertTrue(Files.isRegularFile(c.directory().resolve("tokenizer.json")));
        assertFalse(Files.exists(c.directory().resolve("vocab.json")), "tokenizer.json is enough");
        // and it extracts
        assertEquals(2, extract(c.directory()).nLayers());
        // a second resolve is served from the cache, without any request
        log.clear();
        assertEquals(c.directory(), Checkpoint.resolve("openai-community/gpt2-xl", settings()).directory());
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void resumesAnInterruptedTransferWithARangeRequest() throws IOException {
        publish("openai-community/gpt2", model());
        int size = files.get("/openai-community/gpt2/resolve/main/model.safetensors").length;
        cutNextTransferAt = size / 3; // the first weights transfer breaks a third of the way
        Checkpoint c = Checkpoint.resolve("gpt2", settings());
        assertTrue(log.stream().anyMatch(l -> l.equals("GET /cdn/openai-community/gpt2/resolve/main/model.safetensors bytes="
                + (size / 3) + "-")), log.toString());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("src/model.safetensors")),
                Files.readAllBytes(c.directory().resolve("model.safetensors")));
    }

    @Test
    void resumesFromAnIncompleteFileOfAnEarlierRun() throws IOException {
        publish("openai-community/gpt2", model());
        byte[] weights = files.get("/openai-community/gpt2/resolve/main/model.safetensors");
        Path blobs = tmp.resolve("hub/models--openai-community--gpt2/blobs");
        Files.createDirectories(blobs);
        Files.write(blobs.resolve(HubDownloader.sha256Hex(weights) + ".incomplete"),
                java.util.Arrays.copyOf(weights, 1000));
        Checkpoint c = Checkpoint.resolve("gpt2", settings());
        assertTrue(log.contains("GET /cdn/openai-community/gpt2/resolve/main/model.safetensors bytes=1000-"), log.toString());
        assertArrayEquals(weights, Files.readAllBytes(c.directory().resolve("model.safetensors")));
    }

    @Test
    void rejectsACorruptedDownload() throws IOException {
        publish("openai-community/gpt2", model());
        String key = "/openai-community/gpt2/resolve/main/model.safetensors";
        byte[] bad = files.get(key).clone();
        bad[bad.length - 1] ^= 1;
        served.put(key, bad);
        String m = assertThrows(LaminarException.class, () -> Checkpoint.resolve("gpt2", settings())).getMessage();
        assertTrue(m.contains("failed verification (sha256"), m);
        Path blobs = tmp.resolve("hub/models--openai-community--gpt2/blobs");
        try (Stream<Path> s = Files.list(blobs)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(HubDownloader.sha256Hex(files.get(key)))),
                    "nothing of the corrupt file is kept");
        }
        assertFalse(Files.exists(tmp.resolve("hub/models--openai-community--gpt2/refs/main")));
    }

    @Test
    void downloadsShardsAndFallsBackToVocabAndMerges() throws IOException {
        Path src = tmp.resolve("sharded");
        tiny(src, RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 3).withShards(2));
        Files.delete(src.resolve("tokenizer.json"));
        publish("someone/sharded-gpt2", src);
        Checkpoint c = Checkpoint.resolve("someone/sharded-gpt2", settings());
        assertTrue(Files.isRegularFile(c.directory().resolve("model-00002-of-00002.safetensors")));
        assertTrue(Files.isRegularFile(c.directory().resolve("merges.txt")));
        assertEquals(2, extract(c.directory()).nLayers());
    }

    @Test
    void pickledOnlyRepositoryIsRefusedWithTheRecipe() throws IOException {
        Path src = model();
        Files.delete(src.resolve("model.safetensors"));
        Files.write(src.resolve("pytorch_model.bin"), new byte[] {1, 2, 3});
        publish("someone/old-gpt2", src);
        String m = assertThrows(LaminarException.class, () -> Checkpoint.resolve("someone/old-gpt2", settings()))
                .getMessage();
        assertTrue(m.contains("pickled") && m.contains("safe_serialization=True"), m);
    }

    @Test
    void unknownModelAndUnreachableHub() {
        String m = assertThrows(LaminarException.class, () -> Checkpoint.resolve("someone/nothing", settings()))
                .getMessage();
        assertTrue(m.contains("has no such model"), m);
        server.stop(0);
        Map<String, String> env = new HashMap<>();
        env.put("HF_HUB_CACHE", tmp.resolve("hub").toString());
        env.put("HF_ENDPOINT", endpoint());
        String u = assertThrows(LaminarException.class,
                () -> Checkpoint.resolve("gpt2-medium", HubSettings.fromEnvironment(env, false))).getMessage();
        assertTrue(u.contains("cannot be reached") || u.contains("talking to the Hub failed"), u);
    }
}
