package laminar.model.hub;

import laminar.model.ExtractionOptions;
import laminar.LaminarException;
import laminar.model.Activations;
import laminar.model.Checkpoint;
import laminar.model.architectures.Gpt2Config;
import laminar.model.Gpt2Extractor;
import laminar.model.Gpt2Tokenizer;
import laminar.model.RandomCheckpoint;
import laminar.model.TokenizedStimuli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    static final String COMMIT = FakeHub.COMMIT;

    @TempDir
    Path tmp;

    FakeHub hub;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    HubSettings settings() {
        return hub.settings(tmp.resolve("hub"));
    }

    void publish(String repo, Path dir) throws IOException {
        hub.publish(repo, dir);
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
        try (Gpt2Extractor ex = Gpt2Extractor.open(dir, ExtractionOptions.defaults())) {
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
        assertFalse(HubCache.looksLikeRepoId("a--b/c"), "-- separates folder parts in the cache");
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
        hub.log.clear();
        assertEquals(c.directory(), Checkpoint.resolve("openai-community/gpt2-xl", settings()).directory());
        assertTrue(hub.log.isEmpty(), hub.log.toString());
    }

    @Test
    void resumesAnInterruptedTransferWithARangeRequest() throws IOException {
        publish("openai-community/gpt2", model());
        int size = hub.files.get("/openai-community/gpt2/model.safetensors").length;
        hub.cutNextTransferAt = size / 3; // the first weights transfer breaks a third of the way
        Checkpoint c = Checkpoint.resolve("gpt2", settings());
        assertTrue(hub.log.contains("GET /cdn/openai-community/gpt2/model.safetensors bytes=" + (size / 3) + "-"),
                hub.log.toString());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("src/model.safetensors")),
                Files.readAllBytes(c.directory().resolve("model.safetensors")));
    }

    @Test
    void resumesFromAnIncompleteFileOfAnEarlierRun() throws IOException {
        publish("openai-community/gpt2", model());
        byte[] weights = hub.files.get("/openai-community/gpt2/model.safetensors");
        Path blobs = tmp.resolve("hub/models--openai-community--gpt2/blobs");
        Files.createDirectories(blobs);
        Files.write(blobs.resolve(HubDownloader.sha256Hex(weights) + ".incomplete"),
                java.util.Arrays.copyOf(weights, 1000));
        Checkpoint c = Checkpoint.resolve("gpt2", settings());
        assertTrue(hub.log.contains("GET /cdn/openai-community/gpt2/model.safetensors bytes=1000-"), hub.log.toString());
        assertArrayEquals(weights, Files.readAllBytes(c.directory().resolve("model.safetensors")));
    }

    @Test
    void rejectsACorruptedDownload() throws IOException {
        publish("openai-community/gpt2", model());
        String key = "/openai-community/gpt2/model.safetensors";
        byte[] bad = hub.files.get(key).clone();
        bad[bad.length - 1] ^= 1;
        hub.served.put(key, bad);
        String m = assertThrows(LaminarException.class, () -> Checkpoint.resolve("gpt2", settings())).getMessage();
        assertTrue(m.contains("failed verification (sha256"), m);
        Path blobs = tmp.resolve("hub/models--openai-community--gpt2/blobs");
        try (Stream<Path> s = Files.list(blobs)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(HubDownloader.sha256Hex(hub.files.get(key)))),
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
        Map<String, String> env = new HashMap<>();
        env.put("HF_HUB_CACHE", tmp.resolve("hub").toString());
        env.put("HF_ENDPOINT", hub.endpoint());
        hub.close();
        String u = assertThrows(LaminarException.class,
                () -> Checkpoint.resolve("gpt2-medium", HubSettings.fromEnvironment(env, false))).getMessage();
        assertTrue(u.contains("cannot be reached") || u.contains("talking to the Hub failed"), u);
    }
}
