package laminar.model.hub;

import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every name that may become a path in the cache, good and hostile, and the last check on paths themselves. */
class HubNamesTest {

    @TempDir
    Path tmp;

    private static String refused(Runnable r) {
        return assertThrows(LaminarException.class, r::run).getMessage();
    }

    @Test
    void repositoryIdsAsHuggingfaceHubAcceptsThem() {
        for (String ok : List.of("gpt2", "gpt2-xl", "openai-community/gpt2-xl", "a/b", "EleutherAI/pythia-70m",
                "user_1/model.v2")) {
            assertTrue(HubNames.isRepoId(ok), ok);
        }
        for (String bad : List.of("", "../x", "a/../b", "/abs", "a/b/c", "a--b/c", "x.git", "-x", "x-", "a b",
                "a\\b", "a/", "x".repeat(97), "gpt2@main")) {
            assertFalse(HubNames.isRepoId(bad), bad);
        }
    }

    @Test
    void revisionsAsGitAllowsThem() {
        for (String ok : List.of("main", "v1.0", "refs/pr/1", "feature/x", FakeHub.COMMIT, "release-2024.01")) {
            assertEquals(ok, HubNames.revision(ok, "test"), ok);
        }
        for (String bad : List.of("", "..", "../../x", "main/../../x", "a/./b", ".hidden", "x.lock", "/abs", "a//b",
                "a/", "a b", "a\\b", "a:b", "a~1", "a^", "a?", "a*", "a[b", "@", "a@{1}", "-x", "x.", "a\nb")) {
            String m = refused(() -> HubNames.revision(bad, "--model gpt2@" + bad));
            assertTrue(m.contains("--model gpt2@") && m.contains("not a branch, tag or commit name"), m);
        }
        assertTrue(refused(() -> HubNames.revision("a\u0001b", "x")).contains("a\\x01b"), "control characters escaped");
    }

    @Test
    void commitsAreFortyLowercaseHexDigits() {
        assertEquals(FakeHub.COMMIT, HubNames.commit(FakeHub.COMMIT, "test"));
        for (String bad : List.of("../../x", FakeHub.COMMIT.toUpperCase(), FakeHub.COMMIT + "0",
                FakeHub.COMMIT.substring(1), "0123456789abcdef0123456789abcdef0123456g", "")) {
            String m = refused(() -> HubNames.commit(bad, "X-Repo-Commit"));
            assertTrue(m.contains("X-Repo-Commit") && m.contains("not a commit hash"), m);
        }
    }

    @Test
    void fileNamesArePlainAndRelative() {
        for (String ok : List.of("model-00001-of-00002.safetensors", "sub/model.safetensors", "a b.json", "x..y")) {
            assertEquals(ok, HubNames.repoFile(ok, "index"), ok);
        }
        for (String bad : List.of("", "../x", "a/../../x", "..", ".", "/etc/passwd", "a//b", "a/", "a\\b",
                "C:x", "a\u0000b", "a\nb", "x".repeat(300))) {
            String m = refused(() -> HubNames.repoFile(bad, "model.safetensors.index.json"));
            assertTrue(m.contains("model.safetensors.index.json") && m.contains("not a plain relative file name"), m);
        }
    }

    @Test
    void etagsNameOneFile() {
        assertEquals("abc123", HubNames.etag("abc123", "test"));
        for (String bad : List.of("", "../x", "a/b", "..", ".x", "a b")) {
            assertTrue(refused(() -> HubNames.etag(bad, "ETag of config.json")).contains("ETag of config.json"), bad);
        }
    }

    @Test
    void pathsMustStayInsideTheCacheAlsoThroughLinks() throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("hub"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path inside = cache.resolve("models--a--b/blobs/x");
        assertEquals(inside, HubNames.inside(cache, inside, "blob"));
        assertTrue(refused(() -> HubNames.inside(cache, cache.resolve("../outside/x"), "blob"))
                .contains("outside the Hugging Face cache"));
        // a folder of the cache that is a link to elsewhere
        Files.createDirectories(cache.resolve("models--a--b"));
        Files.createSymbolicLink(cache.resolve("models--a--b/snapshots"), outside);
        assertTrue(refused(() -> HubNames.inside(cache, cache.resolve("models--a--b/snapshots/c/f"), "snapshot file"))
                .contains("outside"));
        // a dangling link planted where a partial download goes: writing through it would create a file outside
        Files.createDirectories(cache.resolve("models--a--b/blobs"));
        Files.createSymbolicLink(cache.resolve("models--a--b/blobs/e.incomplete"), outside.resolve("new-file"));
        assertTrue(refused(() -> HubNames.inside(cache, cache.resolve("models--a--b/blobs/e.incomplete"), "partial"))
                .contains("outside"));
        // the cache root itself may be a link (e.g. ~/.cache on another disk)
        Path linkedCache = Files.createSymbolicLink(tmp.resolve("cache-link"), cache);
        assertEquals(linkedCache.resolve("models--a--b/blobs/y"),
                HubNames.inside(linkedCache, linkedCache.resolve("models--a--b/blobs/y"), "blob"));
    }
}
