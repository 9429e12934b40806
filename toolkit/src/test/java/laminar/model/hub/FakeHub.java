package laminar.model.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A Hub-like server on loopback that answers as huggingface.co does (HEAD with X-Repo-Commit and ETag; LFS files
 * as a redirect to a CDN path with X-Linked-Etag/X-Linked-Size; Range requests; X-Error-Code on 404) and can be
 * told to misbehave: other headers, other redirect targets, a body that stalls, a body that ends early, a CDN
 * that serves other bytes, a transfer held until released.
 */
final class FakeHub implements AutoCloseable {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    /** Published files by "/org/name/file". */
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** What the CDN sends for "/org/name/file" (defaults to the file; a test may corrupt it). */
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    final Set<String> repos = ConcurrentHashMap.newKeySet();
    /** Every request: "METHOD path [range]". */
    final List<String> log = new CopyOnWriteArrayList<>();
    /** Header values replaced in HEAD answers, by file name then header ("X-Linked-Size" → "abc"). */
    final Map<String, Map<String, String>> headHeaders = new ConcurrentHashMap<>();
    /** Where LFS files redirect to; given the CDN URL, returns the Location sent. */
    volatile UnaryOperator<String> lfsLocation = UnaryOperator.identity();
    /** The next CDN transfer ends (connection closed) after this many bytes; -1: no cut. */
    volatile int cutNextTransferAt = -1;
    /** The next CDN transfer sends this many bytes, then stalls until {@link #close}; -1: no stall. */
    volatile int stallNextTransferAt = -1;
    /** When set, CDN transfers wait for it before sending (to make two downloads overlap). */
    volatile CountDownLatch holdTransfers;
    private final CountDownLatch released = new CountDownLatch(1);

    FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    HubSettings settings(Path cache) {
        return new HubSettings(cache, endpoint(), false, null, false);
    }

    /** Serves {@code dir}'s files as the repository {@code repo}; big files as LFS (redirect + sha256 etag). */
    void publish(String repo, Path dir) throws IOException {
        repos.add(repo);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                files.put("/" + repo + "/" + p.getFileName(), Files.readAllBytes(p));
            }
        }
    }

    long count(String requestPrefix) {
        return log.stream().filter(l -> l.startsWith(requestPrefix)).count();
    }

    static boolean lfs(String path) {
        return path.endsWith(".safetensors");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String range = ex.getRequestHeaders().getFirst("Range");
            log.add(ex.getRequestMethod() + " " + path + (range == null ? "" : " " + range));
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (path.startsWith("/loop/")) {
                ex.getResponseHeaders().add("Location", path);
                ex.sendResponseHeaders(302, -1);
                return;
            }
            if (path.startsWith("/hop/")) {
                ex.getResponseHeaders().add("Location", "/hop/" + (Integer.parseInt(path.substring(5)) + 1));
                ex.sendResponseHeaders(302, -1);
                return;
            }
            if (path.startsWith("/cdn/")) {
                sendBody(ex, served.getOrDefault(path.substring(4), files.get(path.substring(4))), range, head, true);
                return;
            }
            int resolve = path.indexOf("/resolve/");
            String repo = resolve < 0 ? "" : path.substring(1, resolve);
            String rest = resolve < 0 ? "" : path.substring(resolve + "/resolve/".length());
            int slash = rest.indexOf('/');
            String revision = slash < 0 ? rest : rest.substring(0, slash);
            String file = slash < 0 ? "" : rest.substring(slash + 1);
            if (!repos.contains(repo)) {
                notFound(ex, "RepoNotFound");
                return;
            }
            if (!revision.equals("main") && !revision.equals(COMMIT)) {
                notFound(ex, "RevisionNotFound");
                return;
            }
            String key = "/" + repo + "/" + file;
            byte[] body = files.get(key);
            if (body == null) {
                notFound(ex, "EntryNotFound");
                return;
            }
            var h = ex.getResponseHeaders();
            h.add("X-Repo-Commit", COMMIT);
            if (lfs(key)) {
                h.add("X-Linked-Etag", "\"" + HubDownloader.sha256Hex(body) + "\"");
                h.add("X-Linked-Size", Long.toString(body.length));
                h.add("Location", lfsLocation.apply(endpoint() + "/cdn" + key));
            } else {
                h.add("ETag", "\"" + HubDownloader.sha256Hex(body).substring(0, 40) + "\"");
            }
            headHeaders.getOrDefault(file, Map.of()).forEach(h::set);
            if (lfs(key)) {
                ex.sendResponseHeaders(302, -1);
                return;
            }
            sendBody(ex, body, range, head, false);
        }
    }

    private static void notFound(HttpExchange ex, String code) throws IOException {
        ex.getResponseHeaders().add("X-Error-Code", code);
        ex.sendResponseHeaders(404, -1);
    }

    private void sendBody(HttpExchange ex, byte[] body, String range, boolean head, boolean cdn) throws IOException {
        int from = 0;
        if (range != null && range.startsWith("bytes=")) {
            from = Integer.parseInt(range.substring(6, range.indexOf('-')));
        }
        if (from >= body.length && body.length > 0) {
            ex.sendResponseHeaders(416, -1);
            return;
        }
        int length = body.length - from;
        if (from > 0) {
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        if (head) {
            ex.getResponseHeaders().add("Content-Length", Integer.toString(length));
            ex.sendResponseHeaders(from > 0 ? 206 : 200, -1);
            return;
        }
        CountDownLatch hold = holdTransfers;
        if (cdn && hold != null) {
            await(hold);
        }
        int stall = cdn ? stallNextTransferAt : -1;
        int cut = cdn ? cutNextTransferAt : -1;
        if (stall >= 0 && stall < length) {
            stallNextTransferAt = -1;
            ex.sendResponseHeaders(from > 0 ? 206 : 200, length);
            OutputStream out = ex.getResponseBody();
            out.write(body, from, stall);
            out.flush();
            await(released); // the client must give up on its own
            return;
        }
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        CountDownLatch hold = holdTransfers;
        if (hold != null) {
            hold.countDown();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
