package laminar.model.hub;

import laminar.LaminarException;
import laminar.model.architectures.Gpt2Weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The Hugging Face hub cache layout that transformers and huggingface_hub write:
 * {@code CACHE/models--{org}--{name}/refs/{revision}} holds a commit hash,
 * {@code snapshots/{commit}/{file}} are (symbolic links to) the files, {@code blobs/{etag}} their content.
 * Every name read from the cache (a ref's commit, an index's file names) is checked like a server's.
 */
public final class HubCache {

    /** Bare names of the published GPT-2 family and their current repository ids. */
    private static final Map<String, String> CANONICAL = Map.of(
            "gpt2", "openai-community/gpt2",
            "gpt2-medium", "openai-community/gpt2-medium",
            "gpt2-large", "openai-community/gpt2-large",
            "gpt2-xl", "openai-community/gpt2-xl",
            "distilgpt2", "distilbert/distilgpt2");

    private HubCache() {
    }

    /** Whether {@code s} has the shape of a Hub repository id ({@code name} or {@code org/name}). */
    public static boolean looksLikeRepoId(String s) {
        return HubNames.isRepoId(s);
    }

    /** The repository id of a name: bare GPT-2 names map to their organisation ({@code gpt2-xl} → {@code openai-community/gpt2-xl}). */
    public static String repoId(String name) {
        return CANONICAL.getOrDefault(name, name);
    }

    /** The ids under which {@code name} may be cached (canonical first, then a legacy bare name). */
    public static List<String> candidates(String name) {
        String id = repoId(name);
        if (!id.equals(name)) {
            return List.of(id, name);
        }
        String bare = CANONICAL.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        return bare == null ? List.of(id) : List.of(id, bare);
    }

    /** {@code CACHE/models--org--name}. */
    public static Path repoDir(Path cache, String repoId) {
        return cache.resolve(folderName(repoId));
    }

    /** {@code models--org--name}: the repository's folder in the cache (and under {@code .locks/}). */
    static String folderName(String repoId) {
        if (!HubNames.isRepoId(repoId)) {
            throw new LaminarException("'" + HubNames.printable(repoId) + "' is not a Hub repository id (like gpt2-xl"
                    + " or openai-community/gpt2-xl)");
        }
        return "models--" + repoId.replace("/", "--");
    }

    /** Whether {@code revision} is a full commit hash (40 lowercase hex digits). */
    public static boolean isCommit(String revision) {
        return HubNames.isCommit(revision);
    }

    /**
     * The snapshot directory of {@code revision} (a branch or tag like {@code main}, or a commit), if cached. A
     * branch or tag is found only through its {@code refs/} file; only a cache without any {@code refs/} (copied
     * by hand) with a single snapshot serves {@code main} from that snapshot. An unknown revision is never served
     * from another revision's snapshot.
     *
     * @throws LaminarException when a ref file holds something other than a commit hash
     */
    public static Optional<Path> snapshot(Path cache, String repoId, String revision) {
        Path repo = repoDir(cache, repoId);
        Path snapshots = repo.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return Optional.empty();
        }
        String commit = isCommit(revision) ? revision : null;
        Path refs = repo.resolve("refs");
        if (commit == null) {
            Path ref = HubNames.inside(cache, refs.resolve(HubNames.revision(revision, "the revision asked for")),
                    "ref file");
            if (Files.isRegularFile(ref)) {
                commit = readRef(ref);
            } else if (revision.equals("main") && !Files.exists(refs)) {
                try (Stream<Path> s = Files.list(snapshots)) {
                    List<Path> all = s.filter(Files::isDirectory).toList();
                    return all.size() == 1 ? Optional.of(all.getFirst()) : Optional.empty();
                } catch (IOException e) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        Path dir = HubNames.inside(cache, snapshots.resolve(commit), "snapshot");
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    private static String readRef(Path ref) {
        String commit;
        try {
            commit = Files.readString(ref).strip();
        } catch (IOException | RuntimeException e) {
            commit = null;
        }
        if (!isCommit(commit)) {
            throw new DamagedRef(ref, "the Hugging Face cache file " + ref + " should hold a commit hash but holds '"
                    + HubNames.printable(commit) + "'");
        }
        return commit;
    }

    /** A ref file that does not hold a commit hash: offline an error, online the revision is asked for again. */
    public static final class DamagedRef extends LaminarException {
        private static final long serialVersionUID = 1L;

        private final String problem;

        DamagedRef(Path ref, String problem) {
            super(problem + "; remove it (rm '" + ref + "') and run again with the Hub reachable");
            this.problem = problem;
        }

        /** What is wrong, without the advice (for the note when the Hub is asked again). */
        public String problem() {
            return problem;
        }
    }

    /** The revisions cached for {@code repoId}: its ref names and snapshot commits (for messages). */
    public static List<String> cachedRevisions(Path cache, String repoId) {
        Path repo = repoDir(cache, repoId);
        TreeSet<String> names = new TreeSet<>();
        Path refs = repo.resolve("refs");
        if (Files.isDirectory(refs)) {
            try (Stream<Path> s = Files.walk(refs)) {
                s.filter(Files::isRegularFile).forEach(p -> names.add(refs.relativize(p).toString()));
            } catch (IOException | RuntimeException e) {
                // a partial list is still useful in a message
            }
        }
        try (Stream<Path> s = Files.list(repo.resolve("snapshots"))) {
            s.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            // none cached
        }
        return List.copyOf(names);
    }

    /** Whether a model directory has everything extraction needs (config, weights, tokenizer). */
    public static boolean complete(Path dir) {
        return files(dir).isPresent();
    }

    /**
     * The repository files extraction reads from {@code dir} (config, tokenizer, weights or index and shards), if
     * all are there; empty when one is missing. Shard names come from the cached index and are checked.
     */
    static Optional<List<String>> files(Path dir) {
        List<String> files = new ArrayList<>(List.of("config.json"));
        if (Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            files.add("tokenizer.json");
        } else {
            files.addAll(List.of("vocab.json", "merges.txt"));
        }
        if (Files.isRegularFile(dir.resolve(Gpt2Weights.SINGLE))) {
            files.add(Gpt2Weights.SINGLE);
        } else {
            Path index = dir.resolve(Gpt2Weights.INDEX);
            if (!Files.isRegularFile(index)) {
                return Optional.empty();
            }
            files.add(Gpt2Weights.INDEX);
            if (CacheFileCheck.problem(index, Gpt2Weights.INDEX).isEmpty()) { // else damaged() reports it
                files.addAll(ShardIndex.shards(index, "the cached index " + index));
            }
        }
        return files.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f))) ? Optional.of(files) : Optional.empty();
    }

    /** A cached file that failed its checks: where it is, the blob it links to (if any), and what is wrong. */
    public record Damaged(String name, Path file, Path blob, String problem) {

        /** Which file and what is wrong with it. */
        public String describe() {
            return "the cached " + name + " at " + file + (blob == null ? "" : " (-> " + blob + ")") + " " + problem;
        }

        /** {@link #describe()} and the command that removes the file. */
        public String message() {
            String rm = blob == null ? "rm '" + file + "'" : "rm '" + file + "' '" + blob + "'";
            return describe() + "; remove it (" + rm + ") and run again with the Hub reachable to download it again";
        }
    }

    /** The first file of a complete snapshot that fails {@link CacheFileCheck}; empty when all pass. */
    public static Optional<Damaged> damaged(Path snapshot) {
        for (String name : files(snapshot).orElse(List.of())) {
            Path file = snapshot.resolve(name);
            Optional<String> problem = CacheFileCheck.problem(file, name);
            if (problem.isPresent()) {
                Path blob = null;
                if (Files.isSymbolicLink(file)) {
                    try {
                        blob = file.getParent().resolve(Files.readSymbolicLink(file)).normalize();
                    } catch (IOException e) {
                        blob = null;
                    }
                }
                return Optional.of(new Damaged(name, file, blob, problem.get()));
            }
        }
        return Optional.empty();
    }
}
