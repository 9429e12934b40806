package laminar.model.hub;

import laminar.LaminarException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Checks every name that becomes part of a path in the Hugging Face cache, whether the user typed it (repository
 * id, revision) or a server or a cached file sent it (commit hash, ETag, file names in an index). A name is
 * checked before anything is written under it, and every path is checked once more against the cache root
 * ({@link #inside}): the first check says clearly what is wrong, the second holds if the first one has a gap.
 *
 * <p>Each check throws {@link LaminarException} naming the bad name and where it came from.
 */
public final class HubNames {

    /** huggingface_hub's {@code validate_repo_id}: optional namespace, 1–96 characters of [A-Za-z0-9_.-]. */
    private static final Pattern REPO_ID =
            Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_]/|[A-Za-z0-9_]/)?[A-Za-z0-9_]([A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    /** An ETag used as a blob's file name: a sha256 (LFS) or git object id, or a mirror's own plain token. */
    private static final Pattern ETAG = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");
    /** What git's check-ref-format forbids anywhere in a ref name (besides control characters). */
    private static final Pattern REF_FORBIDDEN = Pattern.compile("[ ~^:?*\\[\\\\]|\\.\\.|@\\{|//");

    private HubNames() {
    }

    /** Whether {@code s} is a repository id huggingface_hub accepts ({@code name} or {@code org/name}). */
    public static boolean isRepoId(String s) {
        return s != null && REPO_ID.matcher(s).matches() && !s.contains("--") && !s.contains("..")
                && !s.endsWith(".git");
    }

    /** Whether {@code s} is a full commit hash: exactly 40 lowercase hexadecimal digits. */
    public static boolean isCommit(String s) {
        return s != null && COMMIT.matcher(s).matches();
    }

    /**
     * A revision as git and the Hub accept it: a branch or tag name (slashes allowed, as in {@code refs/pr/1}) or a
     * commit hash. Refused: empty segments, a segment starting with a dot or ending with {@code .lock}, {@code ..},
     * {@code @{}, control characters, spaces and {@code ~^:?*[\}.
     */
    public static String revision(String revision, String source) {
        boolean bad = revision == null || revision.isEmpty() || revision.equals("@") || revision.startsWith("/")
                || revision.endsWith("/") || revision.endsWith(".") || revision.startsWith("-")
                || REF_FORBIDDEN.matcher(revision).find() || hasControl(revision);
        if (!bad) {
            for (String segment : revision.split("/", -1)) {
                bad |= segment.isEmpty() || segment.startsWith(".") || segment.endsWith(".lock");
            }
        }
        if (bad) {
            throw new LaminarException("revision '" + printable(revision) + "' (from " + source + ") is not a branch,"
                    + " tag or commit name; give e.g. gpt2@main, gpt2@v1.0 or gpt2@<40-hex commit>");
        }
        return revision;
    }

    /** A commit hash from a server header or a cache file; anything but 40 lowercase hex digits is refused. */
    public static String commit(String commit, String source) {
        if (!isCommit(commit)) {
            throw new LaminarException("'" + printable(commit) + "' (from " + source + ") is not a commit hash (40"
                    + " lowercase hex digits); is HF_ENDPOINT a Hugging Face Hub, or is the cache damaged?");
        }
        return commit;
    }

    /** An ETag that names a blob file ({@code blobs/{etag}}). */
    public static String etag(String etag, String source) {
        if (etag == null || !ETAG.matcher(etag).matches() || etag.contains("..")) {
            throw new LaminarException("ETag '" + printable(etag) + "' (from " + source + ") cannot name a file in"
                    + " the cache; is HF_ENDPOINT a Hugging Face Hub?");
        }
        return etag;
    }

    /**
     * A file name inside a repository, as a server or an index lists it: relative, {@code /}-separated folders
     * allowed as on the Hub, every segment a plain name (not empty, not {@code .} or {@code ..}), no backslash,
     * no control character, no drive letter.
     */
    public static String repoFile(String name, String source) {
        boolean bad = name == null || name.isEmpty() || name.startsWith("/") || name.contains("\\")
                || name.contains(":") || hasControl(name) || name.length() > 255;
        if (!bad) {
            for (String segment : name.split("/", -1)) {
                bad |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
            }
        }
        if (bad) {
            throw new LaminarException("file name '" + printable(name) + "' (from " + source + ") is not a plain"
                    + " relative file name; refusing to write it into the Hugging Face cache");
        }
        return name;
    }

    /**
     * {@code path}, after checking that it stays inside {@code root} once normalised and with every existing
     * parent's symbolic links followed (defence in depth: the names were checked before).
     */
    public static Path inside(Path root, Path path, String what) {
        try {
            Path realRoot = real(root);
            Path real = real(path);
            if (!real.startsWith(realRoot)) {
                throw new LaminarException(what + " '" + path + "' would lie outside the Hugging Face cache " + root
                        + " (at " + real + "); refusing to write or read it");
            }
            return path;
        } catch (IOException e) {
            throw new LaminarException("cannot read the Hugging Face cache " + root + " (" + e.getMessage()
                    + "); set HF_HUB_CACHE to a readable, writable directory");
        }
    }

    /**
     * The real path of {@code p}: its longest existing prefix with links resolved, then the rest normalised. A
     * dangling link is followed by hand, so that a planted link cannot lead a write outside the cache.
     */
    private static Path real(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        for (int hops = 0; hops < 40; hops++) {
            Path existing = abs;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return abs;
            }
            Path rest = existing.relativize(abs);
            if (Files.exists(existing)) {
                return existing.toRealPath().resolve(rest).normalize();
            }
            Path target = existing.getParent().resolve(Files.readSymbolicLink(existing));
            abs = target.resolve(rest).toAbsolutePath().normalize();
        }
        throw new IOException("too many levels of symbolic links at " + p);
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** A name as it may appear in a message: control characters escaped, length capped. */
    public static String printable(String s) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
            if (b.length() > 200) {
                return b.append("…").toString();
            }
        }
        return b.toString();
    }
}
