package laminar.model.hub;

import laminar.model.Checkpoint;
import laminar.model.architectures.Gpt2Config;
import laminar.model.RandomCheckpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two downloads of one model into one cache, overlapping for sure (the server holds the weights' transfer until
 * both have asked for the weights): both succeed, the weights are transferred once, the second waits on the
 * blob's lock and uses the finished file. Once as two threads, once as two processes.
 */
class HubConcurrencyTest {

    static final String WEIGHTS = "/openai-community/gpt2/model.safetensors";

    @TempDir
    Path tmp;

    FakeHub hub;
    Path cache;
    byte[] weights;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub();
        cache = tmp.resolve("hub");
        Path src = tmp.resolve("src");
        RandomCheckpoint.write(src, RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 11), null,
                RandomCheckpoint.DEFAULT_TEXT);
        hub.publish("openai-community/gpt2", src);
        weights = hub.files.get(WEIGHTS);
        hub.holdTransfers = new CountDownLatch(1);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    /** Releases the held transfers once both downloads have asked for the weights (or after 40 s). */
    private void releaseWhenBothAsked() throws InterruptedException {
        String head = "HEAD /openai-community/gpt2/resolve/" + FakeHub.COMMIT + "/model.safetensors";
        for (int i = 0; i < 4000 && hub.count(head) < 2; i++) {
            Thread.sleep(10);
        }
        assertEquals(2, hub.count(head), hub.log.toString());
        Thread.sleep(100); // the second is now waiting on the lock (or about to); it must not start a transfer
        hub.holdTransfers.countDown();
    }

    @Test
    @Timeout(120)
    void twoThreadsDownloadingOneModelBothSucceedAndTransferTheWeightsOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Path> a = pool.submit(() -> Checkpoint.resolve("gpt2", hub.settings(cache)).directory());
            Future<Path> b = pool.submit(() -> Checkpoint.resolve("openai-community/gpt2", hub.settings(cache)).directory());
            releaseWhenBothAsked();
            assertEquals(a.get(), b.get());
            assertArrayEquals(weights, Files.readAllBytes(a.get().resolve("model.safetensors")));
            assertEquals(1, hub.count("GET /cdn" + WEIGHTS), hub.log.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(120)
    void twoProcessesDownloadingOneModelBothSucceedAndTransferTheWeightsOnce() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HubChildProcess.class.getName(), cache.toString(), hub.endpoint(), "gpt2")
                .redirectErrorStream(true).start();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Path> mine = pool.submit(() -> Checkpoint.resolve("gpt2", hub.settings(cache)).directory());
            releaseWhenBothAsked();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, child.waitFor(), out);
            assertTrue(out.contains("snapshot " + mine.get()), out);
            assertArrayEquals(weights, Files.readAllBytes(mine.get().resolve("model.safetensors")));
            assertEquals(1, hub.count("GET /cdn" + WEIGHTS), hub.log.toString());
        } finally {
            pool.shutdownNow();
            child.destroy();
        }
    }
}
