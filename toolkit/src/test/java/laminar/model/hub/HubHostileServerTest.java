package laminar.model.hub;

import laminar.LaminarException;
import laminar.model.Checkpoint;
import laminar.model.architectures.Gpt2Config;
import laminar.model.RandomCheckpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A loopback Hub that lies: hostile names in headers and in the shard index, non-numeric sizes, redirects to
 * file:// and in circles, a body that stops flowing, a HEAD that is never answered. Each ends in a
 * {@link LaminarException} (exit 2) naming the problem, with nothing written outside the cache and, where a
 * name was bad, nothing written at all.
 */
class HubHostileServerTest {

    @TempDir
    Path tmp;

    FakeHub hub;
    Path cache;
    /** A file of the user's next to the cache, where the old downloader's ../ names landed. */
    Path canary;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub();
        cache = tmp.resolve("hub");
        canary = Files.writeString(tmp.resolve("canary.safetensors"), "the user's own file");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Path model(int shards) {
        Path dir = tmp.resolve("src" + shards);
        RandomCheckpoint.Spec spec = RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 11);
        RandomCheckpoint.write(dir, shards > 1 ? spec.withShards(shards) : spec, null, RandomCheckpoint.DEFAULT_TEXT);
        return dir;
    }

    private String refused(String model, HubSettings settings) {
        return assertThrows(LaminarException.class, () -> Checkpoint.resolve(model, settings)).getMessage();
    }

    /** Every file under {@code tmp} outside the cache, with its content: what a hostile name must not change. */
    private Map<String, String> outsideTheCache() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.startsWith(cache)).toList()) {
                files.put(tmp.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !Files.isDirectory(p)).toList();
        }
    }

    @Test
    void shardNamesThatLeaveTheSnapshotAreRefusedBeforeAnyShardIsFetched() throws IOException {
        hub.publish("someone/sharded", model(2));
        Map<String, String> before = outsideTheCache();
        String key = "/someone/sharded/model.safetensors.index.json";
        String index = new String(hub.files.get(key), StandardCharsets.UTF_8);
        for (String bad : List.of("../../../../canary.safetensors", "/" + canary, "..\\\\..\\\\x.safetensors",
                "a//b.safetensors", "../../blobs/x")) {
            hub.files.put(key, index.replace("model-00002-of-00002.safetensors", bad).getBytes(StandardCharsets.UTF_8));
            String m = refused("someone/sharded", hub.settings(cache));
            assertTrue(m.contains("weight_map entry") && m.contains("not a plain relative file name"), m);
            assertTrue(m.contains(bad.replace("\\\\", "\\")), m);
            assertEquals(before, outsideTheCache(), "nothing outside the cache created or replaced");
            assertEquals(0, hub.count("HEAD /someone/sharded/resolve/" + FakeHub.COMMIT + "/model-00001"),
                    "no shard asked for before every name was checked: " + hub.log);
        }
        assertEquals("the user's own file", Files.readString(canary));
    }

    @Test
    void aCommitHeaderWithDotDotWritesNothing() throws IOException {
        hub.publish("openai-community/gpt2", model(1));
        Map<String, String> before = outsideTheCache();
        for (String bad : List.of("../../../canary.safetensors", "../../x", FakeHub.COMMIT.toUpperCase(), "main")) {
            hub.headHeaders.put("config.json", Map.of("X-Repo-Commit", bad));
            String m = refused("gpt2", hub.settings(cache));
            assertTrue(m.contains("X-Repo-Commit") && m.contains("'" + bad + "'") && m.contains("not a commit hash"), m);
            assertEquals(List.of(), filesUnder(cache), "nothing written into the cache either");
            assertEquals(before, outsideTheCache());
        }
    }

    @Test
    void anEtagThatIsAPathWritesNothing() throws IOException {
        hub.publish("openai-community/gpt2", model(1));
        Map<String, String> before = outsideTheCache();
        hub.headHeaders.put("model.safetensors", Map.of("X-Linked-Etag", "\"../../../../canary.safetensors\""));
        String m = refused("gpt2", hub.settings(cache));
        assertTrue(m.contains("ETag '../../../../canary.safetensors'") && m.contains("model.safetensors"), m);
        assertEquals(before, outsideTheCache());
        assertEquals(0, hub.count("GET /cdn/"));
    }

    @Test
    void aLinkPlantedInTheCacheCannotLeadAWriteOutsideIt() throws IOException {
        hub.publish("openai-community/gpt2", model(1));
        byte[] weights = hub.files.get("/openai-community/gpt2/model.safetensors");
        Path blobs = Files.createDirectories(cache.resolve("models--openai-community--gpt2/blobs"));
        // a resume would append to whatever the .incomplete file is: here a link to the user's file
        Files.createSymbolicLink(blobs.resolve(HubDownloader.sha256Hex(weights) + ".incomplete"), canary);
        String m = refused("gpt2", hub.settings(cache));
        assertTrue(m.contains("partial download") && m.contains("outside the Hugging Face cache"), m);
        assertEquals("the user's own file", Files.readString(canary));
    }

    @Test
    void aRevisionThatIsAPathIsRefusedBeforeAnyRequest() throws IOException {
        hub.publish("openai-community/gpt2", model(1));
        Files.createDirectories(cache);
        Path planted = Files.writeString(cache.resolve("x"), "not laminar's");
        for (String bad : List.of("../../x", "main/../../x", "..", "refs/../../../x", "a b", "-h")) {
            String m = refused("gpt2@" + bad, hub.settings(cache));
            assertTrue(m.contains("revision '" + bad + "'") && m.contains("gpt2@" + bad), m);
        }
        assertTrue(hub.log.isEmpty(), hub.log.toString());
        assertEquals("not laminar's", Files.readString(planted));
        assertEquals(List.of(planted), filesUnder(cache));
    }

    @Test
    void aNonNumericLinkedSizeIsRefusedNamingTheHeader() throws IOException {
        hub.publish("openai-community/gpt2", model(1));
        for (String bad : List.of("12abc", "-5", "", "1e9")) {
            hub.headHeaders.put("model.safetensors", Map.of("X-Linked-Size", bad));
            String m = refused("gpt2", hub.settings(cache));
            assertTrue(m.contains("X-Linked-Size '" + bad + "'") && m.contains("model.safetensors"), m);
        }
        assertEquals(0, hub.count("GET /cdn/"), "no weights fetched");
    }

    @Test
    void anEndpointThatIsNotHttpIsRefusedNamingTheVariable() throws IOException {
        hub.publish("openai-community/gpt2", model(1));
        for (String bad : List.of("file:///etc", "ftp://example.org", "huggingface.co", "http://", "https://h/x?q=1")) {
            String m = refused("gpt2", hub.settings(cache).withEndpoint(bad));
            assertTrue(m.contains("HF_ENDPOINT '" + bad.replaceAll("/$", "") + "'") && m.contains("not an http(s) URL"), m);
        }
        assertEquals(List.of(), filesUnder(cache));
        // a mirror under a path is fine
        assertEquals("http://mirror.example/hf", new HubSettings(cache, "http://mirror.example/hf/", false, null,
                false).endpointUri().toString());
    }

    @Test
    void aRedirectToAFileUrlIsNotFollowed() throws IOException {
        hub.publish("openai-community/gpt2", model(1));
        for (String target : List.of("file://" + canary, "jar:file:/x!/y", "ftp://127.0.0.1/x")) {
            hub.lfsLocation = u -> target;
            String m = refused("gpt2", hub.settings(cache));
            assertTrue(m.contains("redirected model.safetensors to '" + target + "'") && m.contains("not an http(s) URL"), m);
        }
        assertEquals("the user's own file", Files.readString(canary));
        assertTrue(filesUnder(cache.resolve("models--openai-community--gpt2/blobs")).stream()
                .noneMatch(p -> p.toString().contains(HubDownloader.sha256Hex(hub.files.get(
                        "/openai-community/gpt2/model.safetensors")))), "no weights blob");
    }

    @Test
    void redirectLoopsAndChainsEnd() throws IOException {
        hub.publish("openai-community/gpt2", model(1));
        hub.lfsLocation = u -> hub.endpoint() + "/loop/weights";
        String m = refused("gpt2", hub.settings(cache));
        assertTrue(m.contains("redirects for model.safetensors loop"), m);
        hub.lfsLocation = u -> hub.endpoint() + "/hop/0";
        String chain = refused("gpt2", hub.settings(cache));
        assertTrue(chain.contains("redirected model.safetensors more than " + HubRequests.MAX_REDIRECTS + " times"), chain);
    }

    @Test
    @Timeout(30)
    void aStalledBodyEndsAfterTheTimeoutKeepsThePartialFileAndTheNextRunResumesIt() throws IOException {
        hub.publish("openai-community/gpt2", model(1));
        byte[] weights = hub.files.get("/openai-community/gpt2/model.safetensors");
        int half = weights.length / 2;
        hub.stallNextTransferAt = half;
        HubSettings settings = hub.settings(cache).withDownloadTimeout(Duration.ofSeconds(1));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(err, true, StandardCharsets.UTF_8);
        String m = assertThrows(LaminarException.class,
                () -> HubModels.resolve("gpt2", "gpt2", "main", settings, log)).getMessage();
        Path partial = cache.resolve("models--openai-community--gpt2/blobs")
                .resolve(HubDownloader.sha256Hex(weights) + ".incomplete");
        assertTrue(m.contains("downloading model.safetensors stalled: no data for 1 s (HF_HUB_DOWNLOAD_TIMEOUT) after "
                + half + " of " + weights.length + " bytes") && m.contains(partial + " is kept")
                && m.contains("again resumes it"), m);
        assertEquals(half, Files.size(partial), "what arrived is kept");
        // the line that says a download started was there before the stall, also without a terminal
        String lines = err.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("laminar: downloading openai-community/gpt2 model.safetensors ("), lines);

        Path dir = HubModels.resolve("gpt2", "gpt2", "main", hub.settings(cache), log);
        assertTrue(hub.log.contains("GET /cdn/openai-community/gpt2/model.safetensors bytes=" + half + "-"), hub.log.toString());
        assertArrayEquals(weights, Files.readAllBytes(dir.resolve("model.safetensors")));
        assertFalse(Files.exists(partial));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("resuming after"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(30)
    void aHeadThatIsNeverAnsweredEndsAfterTheEtagTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().readAllBytes(); // read the request, never answer
                } catch (IOException ignored) {
                    // closed by the test
                }
            });
            HubSettings settings = new HubSettings(cache, "http://127.0.0.1:" + silent.getLocalPort(), false, null,
                    false, Duration.ofSeconds(1), Duration.ofSeconds(1));
            String m = refused("gpt2", settings);
            assertTrue(m.contains("did not answer within 1 s (HF_HUB_ETAG_TIMEOUT) about config.json"), m);
            t.interrupt();
        }
    }

    @Test
    void badTimeoutVariablesAreRefusedNamingThem() {
        assertEquals(Duration.ofMillis(2500), HubSettings.fromEnvironment(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "2.5"),
                false).downloadTimeout());
        assertEquals(Duration.ofSeconds(30), HubSettings.fromEnvironment(Map.of("HF_HUB_ETAG_TIMEOUT", "30"),
                false).etagTimeout());
        assertEquals(HubSettings.DEFAULT_TIMEOUT, HubSettings.fromEnvironment(Map.of(), false).downloadTimeout());
        for (String bad : List.of("abc", "0", "-1", "NaN", "1e99")) {
            String m = assertThrows(LaminarException.class,
                    () -> HubSettings.fromEnvironment(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", bad), false)).getMessage();
            assertTrue(m.contains("HF_HUB_DOWNLOAD_TIMEOUT='" + bad + "'"), m);
        }
    }
}
