package laminar.model.hub;

import laminar.LaminarException;
import laminar.model.Checkpoint;
import laminar.model.architectures.Gpt2Config;
import laminar.model.RandomCheckpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cache that went bad (an error page stored as a file, a ref that is not a commit) and revisions that are not
 * cached: reported with the file's path and the command that removes it when offline, fetched again when online,
 * and never answered with another revision's snapshot.
 */
class HubCacheDamageTest {

    static final String HTML = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head></html>\n";

    @TempDir
    Path tmp;

    FakeHub hub;
    Path cache;
    Path snapshot;
    Path src;

    @BeforeEach
    void downloadOnce() throws IOException {
        hub = new FakeHub();
        cache = tmp.resolve("hub");
        src = tmp.resolve("src");
        RandomCheckpoint.write(src, RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 11), null,
                RandomCheckpoint.DEFAULT_TEXT);
        hub.publish("openai-community/gpt2", src);
        snapshot = Checkpoint.resolve("gpt2", hub.settings(cache)).directory();
        hub.log.clear();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubSettings offline() {
        return new HubSettings(cache, hub.endpoint(), true, null, false);
    }

    private Path blobOf(String file) throws IOException {
        Path link = snapshot.resolve(file);
        return link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
    }

    @Test
    void anErrorPageStoredAsConfigIsReportedWithItsPathOfflineAndFetchedAgainOnline() throws IOException {
        Path blob = blobOf("config.json");
        Files.writeString(blob, HTML);
        String m = assertThrows(LaminarException.class, () -> Checkpoint.resolve("gpt2", offline())).getMessage();
        Path link = snapshot.resolve("config.json");
        assertTrue(m.contains("the cached config.json at " + link) && m.contains("HTML"), m);
        assertTrue(m.contains("rm '" + link + "' '" + blob + "'") && m.contains("HF_HUB_OFFLINE"), m);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path dir = HubModels.resolve("gpt2", "gpt2", "main", hub.settings(cache),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(snapshot, dir);
        assertArrayEquals(Files.readAllBytes(src.resolve("config.json")), Files.readAllBytes(dir.resolve("config.json")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("downloading it again"), err.toString());
        assertEquals(0, hub.count("GET /cdn/"), "the good weights were not fetched again: " + hub.log);
        assertEquals(32, Checkpoint.resolve("gpt2", offline()).config().nEmbd());
    }

    @Test
    void configThatIsNotJsonAndWeightsThatAreAPageAreFetchedAgain() throws IOException {
        Files.writeString(blobOf("config.json"), "{\"n_embd\": 32,"); // cut short
        assertTrue(assertThrows(LaminarException.class, () -> Checkpoint.resolve("gpt2", offline())).getMessage()
                .contains("is not valid JSON"));
        Path weights = blobOf("model.safetensors");
        Files.writeString(weights, HTML);
        Checkpoint c = Checkpoint.resolve("gpt2", hub.settings(cache));
        assertArrayEquals(Files.readAllBytes(src.resolve("model.safetensors")),
                Files.readAllBytes(c.directory().resolve("model.safetensors")));
        assertArrayEquals(Files.readAllBytes(src.resolve("config.json")),
                Files.readAllBytes(c.directory().resolve("config.json")));
    }

    @Test
    void anErrorPageSentAsAFileIsNeverStored() throws IOException {
        Path fresh = tmp.resolve("fresh");
        hub.files.put("/openai-community/gpt2/tokenizer.json", HTML.getBytes(StandardCharsets.UTF_8));
        String m = assertThrows(LaminarException.class, () -> Checkpoint.resolve("gpt2", hub.settings(fresh)))
                .getMessage();
        assertTrue(m.contains("what the Hub sent as tokenizer.json holds an HTML/XML page") && m.contains("nothing was kept"), m);
        Path blobs = fresh.resolve("models--openai-community--gpt2/blobs");
        try (var s = Files.list(blobs)) {
            assertEquals(1, s.count(), "only config.json's blob");
        }
        assertFalse(Files.exists(fresh.resolve("models--openai-community--gpt2/snapshots").resolve(FakeHub.COMMIT)
                .resolve("tokenizer.json")));
    }

    @Test
    void anUnknownRevisionIsNeverServedFromMain() throws IOException {
        String m = assertThrows(LaminarException.class, () -> Checkpoint.resolve("gpt2@nosuch", offline())).getMessage();
        assertTrue(m.contains("openai-community/gpt2 at revision nosuch is not in the Hugging Face cache")
                && m.contains("cached revisions: " + FakeHub.COMMIT + ", main"), m);
        String online = assertThrows(LaminarException.class,
                () -> Checkpoint.resolve("gpt2@nosuch", hub.settings(cache))).getMessage();
        assertTrue(online.contains("has no revision 'nosuch'"), online);
        assertFalse(Files.exists(cache.resolve("models--openai-community--gpt2/refs/nosuch")));
        // a cached commit and main are found offline
        assertEquals(snapshot, Checkpoint.resolve("gpt2@" + FakeHub.COMMIT, offline()).directory());
        assertEquals(snapshot, Checkpoint.resolve("gpt2@main", offline()).directory());
    }

    @Test
    void aRefThatIsNotACommitIsReportedWithItsPathOfflineAndReplacedOnline() throws IOException {
        Path ref = cache.resolve("models--openai-community--gpt2/refs/main");
        for (String bad : List.of("../../../x", "", "<html>")) {
            Files.writeString(ref, bad);
            String m = assertThrows(LaminarException.class, () -> Checkpoint.resolve("gpt2", offline())).getMessage();
            assertTrue(m.contains(ref.toString()) && m.contains("should hold a commit hash") && m.contains("rm '" + ref + "'"), m);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(snapshot, HubModels.resolve("gpt2", "gpt2", "main", hub.settings(cache),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("asking the Hub for main again"), err.toString());
            assertEquals(FakeHub.COMMIT, Files.readString(ref));
        }
        assertEquals(0, hub.count("GET /cdn/"), "the cached files were used: " + hub.log);
    }

    @Test
    void aCachedIndexWithAHostileShardNameIsNeverUsedAndIsFetchedAgainOnline() throws IOException {
        Path sharded = tmp.resolve("sharded");
        RandomCheckpoint.write(sharded, RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 11).withShards(2),
                null, RandomCheckpoint.DEFAULT_TEXT);
        hub.publish("someone/sharded", sharded);
        Path dir = Checkpoint.resolve("someone/sharded", hub.settings(cache)).directory();
        Path link = dir.resolve("model.safetensors.index.json");
        Path blob = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
        Files.writeString(blob, Files.readString(blob).replace("model-00002-of-00002.safetensors", "../../../../x"));
        String m = assertThrows(LaminarException.class, () -> Checkpoint.resolve("someone/sharded", offline()))
                .getMessage();
        assertTrue(m.contains("the cached model.safetensors.index.json at " + link) && m.contains("../../../../x")
                && m.contains("rm '" + link + "'"), m);
        assertEquals(dir, Checkpoint.resolve("someone/sharded", hub.settings(cache)).directory());
        assertArrayEquals(Files.readAllBytes(sharded.resolve("model.safetensors.index.json")), Files.readAllBytes(link));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void aCopiedCacheWithoutRefsServesMainFromItsOnlySnapshot() throws IOException {
        Path refs = cache.resolve("models--openai-community--gpt2/refs");
        Files.delete(refs.resolve("main"));
        Files.delete(refs);
        assertEquals(snapshot, Checkpoint.resolve("gpt2", offline()).directory());
        assertThrows(LaminarException.class, () -> Checkpoint.resolve("gpt2@v2", offline()));
    }
}
