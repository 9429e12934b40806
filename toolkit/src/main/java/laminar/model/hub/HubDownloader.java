package laminar.model.hub;

import laminar.LaminarException;
import laminar.model.architectures.Gpt2Weights;
import laminar.model.Progress;
import laminar.model.hub.HubRequests.Meta;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Downloads a GPT-2-family checkpoint from the Hugging Face Hub (or {@code HF_ENDPOINT}) into the hub cache, in
 * the layout huggingface_hub writes ({@code blobs/{etag}}, {@code snapshots/{commit}/{file}} as relative
 * symbolic links to the blobs, {@code refs/{revision}}), so transformers and laminar share the files.
 *
 * <p>Files: config.json; tokenizer.json (else vocab.json + merges.txt); model.safetensors (else
 * model.safetensors.index.json and its shards). A repository with only pickled weights is refused with the
 * conversion recipe. The revision is resolved to its commit once (the {@code X-Repo-Commit} of config.json) and
 * every file is then asked for at that commit. Each file is first asked for with HEAD ({@link HubRequests}), then,
 * under a lock per blob ({@link BlobLock}), streamed into {@code blobs/{etag}.incomplete}: an interrupted transfer
 * is resumed with an HTTP Range request (within this run, up to three times, and by a later run from the same
 * {@code .incomplete}); a transfer silent for {@code HF_HUB_DOWNLOAD_TIMEOUT} ends the run with the partial file
 * kept. A finished file is checked against the announced size, for LFS files whose etag is a sha256 against that
 * hash, and for being what its name says ({@link CacheFileCheck}); a failed check removes the download and fails.
 *
 * <p>Every name that becomes a path (commit, ETag, shard names, revision) is checked ({@link HubNames}) before
 * anything is written under it, and every path is checked to stay inside the cache.
 */
public final class HubDownloader {

    private static final int ATTEMPTS = 4;

    private final HubSettings settings;
    private final PrintStream log;

    /** A downloader that announces each file on stderr. */
    public HubDownloader(HubSettings settings) {
        this(settings, System.err);
    }

    /** A downloader that announces each file (one line, also without a terminal) on {@code log}. */
    public HubDownloader(HubSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * Downloads what is missing (or fails its checks) of {@code repoId} at {@code revision} and returns its
     * snapshot directory.
     *
     * @throws LaminarException when offline, unreachable, not found, pickled-only, the server misbehaves, a
     *         download stalls or fails verification
     */
    public Path download(String repoId, String revision) {
        HubNames.revision(revision, "the revision asked for");
        if (!HubNames.isRepoId(repoId)) {
            throw new LaminarException("'" + HubNames.printable(repoId) + "' is not a Hub repository id");
        }
        if (settings.offline()) {
            throw new LaminarException(repoId + " is not in the Hugging Face cache (" + settings.cache()
                    + ") and HF_HUB_OFFLINE is set; download it where the Hub is reachable or give a model directory");
        }
        try (HubRequests hub = new HubRequests(settings)) {
            return download(hub, repoId, revision);
        }
    }

    private Path download(HubRequests hub, String repoId, String revision) {
        Meta config = hub.head(repoId, revision, "config.json")
                .orElseThrow(() -> new LaminarException(repoId + ": the Hub (" + settings.endpoint() + ") has no"
                        + " config.json in this model at " + revision + "; laminar needs a transformers checkpoint"));
        String commit = config.commit() != null ? config.commit() : HubNames.isCommit(revision) ? revision : null;
        if (commit == null) {
            throw new LaminarException(repoId + ": the Hub did not say which commit " + revision + " is (no"
                    + " X-Repo-Commit header); is HF_ENDPOINT (" + settings.endpoint() + ") a Hugging Face Hub?");
        }
        if (HubNames.isCommit(revision) && !commit.equals(revision)) {
            throw new LaminarException(repoId + ": asked for commit " + revision + ", the Hub answered with commit "
                    + commit + "; is HF_ENDPOINT (" + settings.endpoint() + ") a Hugging Face Hub?");
        }
        Path repo = HubNames.inside(settings.cache(), HubCache.repoDir(settings.cache(), repoId), "repository folder");
        Path snapshot = HubNames.inside(settings.cache(), repo.resolve("snapshots").resolve(commit), "snapshot");
        Target target = new Target(repoId, repo, snapshot, hub);
        fetch(target, "config.json", config);
        Optional<Meta> tok = hub.head(repoId, commit, "tokenizer.json");
        if (tok.isPresent()) {
            fetch(target, "tokenizer.json", tok.get());
        } else {
            for (String f : List.of("vocab.json", "merges.txt")) {
                Meta m = hub.head(repoId, commit, f).orElseThrow(() -> new LaminarException(repoId
                        + ": has no tokenizer (tokenizer.json, or vocab.json + merges.txt); laminar needs one"));
                fetch(target, f, m);
            }
        }
        Optional<Meta> single = hub.head(repoId, commit, Gpt2Weights.SINGLE);
        if (single.isPresent()) {
            fetch(target, Gpt2Weights.SINGLE, single.get());
        } else {
            fetchShards(hub, target, commit);
        }
        if (!HubNames.isCommit(revision)) {
            writeRef(repo, revision, commit);
        }
        return snapshot;
    }

    /** Where one repository's files go, and the requests that fetch them. */
    private record Target(String repoId, Path repo, Path snapshot, HubRequests hub) {
    }

    private void fetchShards(HubRequests hub, Target target, String commit) {
        String repoId = target.repoId();
        Optional<Meta> index = hub.head(repoId, commit, Gpt2Weights.INDEX);
        if (index.isEmpty()) {
            if (hub.head(repoId, commit, "pytorch_model.bin").isPresent()) {
                throw new LaminarException(repoId + ": has only pickled PyTorch weights (pytorch_model.bin);"
                        + " laminar reads safetensors only. Convert once in Python: from transformers import"
                        + " AutoModelForCausalLM; AutoModelForCausalLM.from_pretrained('" + repoId + "')"
                        + ".save_pretrained('DIR', safe_serialization=True), then pass --model DIR");
            }
            throw new LaminarException(repoId + ": has no model.safetensors (nor a sharded index); laminar needs"
                    + " safetensors weights");
        }
        fetch(target, Gpt2Weights.INDEX, index.get());
        // Every shard name is checked before the first shard is asked for, let alone written.
        List<String> shards = ShardIndex.shards(target.snapshot().resolve(Gpt2Weights.INDEX),
                repoId + "'s " + Gpt2Weights.INDEX + " (from the Hub)");
        for (String shard : shards) {
            HubNames.inside(settings.cache(), target.snapshot().resolve(shard), "shard");
        }
        for (String shard : shards) {
            Meta m = hub.head(repoId, commit, shard).orElseThrow(() -> new LaminarException(repoId
                    + ": the index lists shard " + shard + " but the Hub does not have it"));
            fetch(target, shard, m);
        }
    }

    /** {@code refs/{revision}} := commit, replaced atomically (two runs may write it at once). */
    private void writeRef(Path repo, String revision, String commit) {
        Path ref = HubNames.inside(settings.cache(), repo.resolve("refs").resolve(revision), "ref file");
        try {
            Files.createDirectories(ref.getParent());
            Path tmp = ref.resolveSibling("." + ref.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.writeString(tmp, commit);
            Files.move(tmp, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw notWritable(e);
        }
    }

    private LaminarException notWritable(IOException e) {
        return new LaminarException("cannot write into the Hugging Face cache " + settings.cache() + " (" + e
                + "); set HF_HUB_CACHE to a writable directory");
    }

    /** Makes {@code snapshot/file} a link to {@code blobs/{etag}}, downloading the blob unless it is there and good. */
    private void fetch(Target target, String file, Meta meta) {
        Path cache = settings.cache();
        HubNames.repoFile(file, "the list of files to download");
        Path blob = HubNames.inside(cache, target.repo().resolve("blobs").resolve(meta.etag()), "blob");
        Path link = HubNames.inside(cache, target.snapshot().resolve(file), "snapshot file");
        Path lock = HubNames.inside(cache, BlobLock.path(cache, target.repo().getFileName().toString(), meta.etag()),
                "lock file");
        try {
            Files.createDirectories(blob.getParent());
            Files.createDirectories(link.getParent());
            try (BlobLock _ = BlobLock.acquire(lock, target.repoId() + " " + file, log)) {
                if (!usable(blob, file, meta)) {
                    downloadBlob(target, file, meta, blob);
                }
            }
            link(link, blob);
        } catch (IOException e) {
            throw notWritable(e);
        }
    }

    /** A blob already there serves when it has the announced size and passes the content checks. */
    private static boolean usable(Path blob, String file, Meta meta) throws IOException {
        return Files.isRegularFile(blob) && (meta.size() < 0 || Files.size(blob) == meta.size())
                && CacheFileCheck.problem(blob, file).isEmpty();
    }

    /** Points {@code link} at {@code blob}; a new link replaces an old one in one rename, never half-way. */
    private static void link(Path link, Path blob) throws IOException {
        if (Files.exists(link) && Files.isSameFile(link, blob)) {
            return;
        }
        Path tmp = link.resolveSibling("." + link.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createSymbolicLink(tmp, link.getParent().relativize(blob));
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING); // file systems without links
        }
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void downloadBlob(Target target, String file, Meta meta, Path blob) throws IOException {
        String repoId = target.repoId();
        Path partial = HubNames.inside(settings.cache(), blob.resolveSibling(blob.getFileName() + ".incomplete"),
                "partial download");
        long resumeFrom = Files.isRegularFile(partial) ? Files.size(partial) : 0;
        log.println("laminar: downloading " + repoId + " " + file + " (" + (meta.size() < 0 ? "size unknown"
                : mb(meta.size())) + (resumeFrom > 0 ? ", resuming after " + mb(resumeFrom) : "") + ") from "
                + settings.endpoint());
        IOException last = null;
        try (Progress bar = Progress.bytes("laminar: " + file, Math.max(meta.size(), 0), settings.progress())) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try {
                    BlobTransfer.run(target.hub(), repoId, file, meta, partial, bar);
                    last = null;
                    break;
                } catch (TimedBody.Stalled | HttpTimeoutException e) {
                    throw stalled(repoId, file, meta, partial);
                } catch (IOException e) {
                    last = e; // resumed from the .incomplete file on the next attempt
                }
            }
        }
        if (last != null) {
            throw new LaminarException(repoId + ": downloading " + file + " failed (" + last.getMessage() + "); run"
                    + " again to resume from " + partial);
        }
        verify(repoId, file, meta, partial);
        Files.move(partial, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private LaminarException stalled(String repoId, String file, Meta meta, Path partial) {
        long have;
        try {
            have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
        } catch (IOException e) {
            have = 0;
        }
        return new LaminarException(repoId + ": downloading " + file + " stalled: no data for "
                + TimedBody.seconds(settings.downloadTimeout()) + " s (HF_HUB_DOWNLOAD_TIMEOUT) after " + have
                + (meta.size() >= 0 ? " of " + meta.size() : "") + " bytes; the partial file " + partial + " is kept and"
                + " running the same command again resumes it (raise HF_HUB_DOWNLOAD_TIMEOUT on a slow connection)");
    }

    /** Size, sha256 (LFS) and content checks of a finished download; a failure removes it. */
    private static void verify(String repoId, String file, Meta meta, Path partial) throws IOException {
        long got = Files.size(partial);
        if (meta.size() >= 0 && got != meta.size()) {
            Files.deleteIfExists(partial);
            throw new LaminarException(repoId + ": " + file + " arrived with " + got + " bytes instead of "
                    + meta.size() + "; the partial file was removed, run again");
        }
        if (meta.etag().matches("[0-9a-f]{64}")) {
            String actual = sha256(partial);
            if (!actual.equals(meta.etag())) {
                Files.deleteIfExists(partial);
                throw new LaminarException(repoId + ": " + file + " failed verification (sha256 " + actual
                        + ", expected " + meta.etag() + "); the corrupt download was removed, run again");
            }
        }
        Optional<String> problem = CacheFileCheck.problem(partial, file);
        if (problem.isPresent()) {
            Files.deleteIfExists(partial);
            throw new LaminarException(repoId + ": what the Hub sent as " + file + " " + problem.get() + "; nothing"
                    + " was kept. Is HF_ENDPOINT a Hugging Face Hub, or is a proxy answering instead? Try again later");
        }
    }

    private static String mb(long bytes) {
        if (bytes < 1000) {
            return bytes + " bytes";
        }
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : bytes < 1_000_000_000 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    /** Hex sha256 of {@code bytes} (what LFS etags are). */
    public static String sha256Hex(byte[] bytes) {
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

    /** One GET, appending to the partial file from its current length (Range) or restarting when unsupported. */
    private static final class BlobTransfer {

        private BlobTransfer() {
        }

        static void run(HubRequests hub, String repoId, String file, Meta meta, Path partial, Progress bar)
                throws IOException {
            long have = Files.exists(partial) ? Files.size(partial) : 0;
            if (meta.size() >= 0 && have > meta.size()) {
                Files.delete(partial);
                have = 0;
            }
            if (meta.size() >= 0 && have == meta.size()) {
                return;
            }
            HttpResponse<InputStream> r = hub.get(meta.location(), have, repoId, file);
            int status = r.statusCode();
            if (status == 416) { // nothing left to send: the partial file is complete (or longer than the blob)
                r.body().close();
                return;
            }
            if (status != 200 && status != 206) {
                r.body().close();
                throw new LaminarException(repoId + ": the Hub answered HTTP " + status + " for " + file
                        + " (" + r.uri() + "); try again later");
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
                    out.flush(); // what arrived is on disk for a resume, even if the next read stalls
                    have += n;
                    bar.set(have);
                }
            }
            if (meta.size() >= 0 && have < meta.size()) {
                throw new IOException("connection closed after " + have + " of " + meta.size() + " bytes");
            }
        }
    }
}
