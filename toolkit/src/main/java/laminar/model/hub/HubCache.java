package laminar.model.hub;

import laminar.model.Gpt2Weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Hugging Face hub cache layout that transformers and huggingface_hub write:
 * {@code CACHE/models--{org}--{name}/refs/{revision}} holds a commit hash,
 * {@code snapshots/{commit}/{file}} are (symbolic links to) the files, {@code blobs/{etag}} their content.
 */
public final class HubCache {

    /** Bare names of the published GPT-2 family and their current repository ids. */
    private static final Map<String, String> CANONICAL = Map.of(
            "gpt2", "openai-community/gpt2",
            "gpt2-medium", "openai-community/gpt2-medium",
            "gpt2-large", "openai-community/gpt2-large",
            "gpt2-xl", "openai-community/gpt2-xl",
            "distilgpt2", "distilbert/distilgpt2");

    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private HubCache() {
    }

    /** Whether {@code s} has the shape of a Hub repository id ({@code name} or {@code org/name}). */
    public static boolean looksLikeRepoId(String s) {
        return REPO_ID.matcher(s).matches() && !s.contains("..");
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
        return cache.resolve("models--" + repoId.replace("/", "--"));
    }

    /** Whether {@code revision} is a full commit hash (40 lowercase hex digits). */
    public static boolean isCommit(String revision) {
        return COMMIT.matcher(revision).matches();
    }

    /** The snapshot directory of {@code revision} (a branch name like {@code main}, or a commit), if cached. */
    public static Optional<Path> snapshot(Path cache, String repoId, String revision) {
        Path repo = repoDir(cache, repoId);
        Path snapshots = repo.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return Optional.empty();
        }
        String commit = isCommit(revision) ? revision : null;
        if (commit == null) {
            Path ref = repo.resolve("refs").resolve(revision);
            if (Files.isRegularFile(ref)) {
                try {
                    commit = Files.readString(ref).strip();
                } catch (IOException e) {
                    commit = null;
                }
            }
        }
        if (commit != null) {
            Path dir = snapshots.resolve(commit);
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        }
        // No ref (e.g. copied caches): a single snapshot is unambiguous.
        try (Stream<Path> s = Files.list(snapshots)) {
            List<Path> all = s.filter(Files::isDirectory).toList();
            return all.size() == 1 ? Optional.of(all.getFirst()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether a model directory has everything extraction needs (config, weights, tokenizer). */
    public static boolean complete(Path dir) {
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            return false;
        }
        boolean tokenizer = Files.isRegularFile(dir.resolve("tokenizer.json"))
                || (Files.isRegularFile(dir.resolve("vocab.json")) && Files.isRegularFile(dir.resolve("merges.txt")));
        if (!tokenizer) {
            return false;
        }
        if (Files.isRegularFile(dir.resolve(Gpt2Weights.SINGLE))) {
            return true;
        }
        Path index = dir.resolve(Gpt2Weights.INDEX);
        if (!Files.isRegularFile(index)) {
            return false;
        }
        try {
            var map = com.google.gson.JsonParser.parseString(Files.readString(index)).getAsJsonObject()
                    .getAsJsonObject("weight_map");
            for (var e : map.entrySet()) {
                if (!Files.isRegularFile(dir.resolve(e.getValue().getAsString()))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
