package laminar.report;

import laminar.LaminarException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The folders an output may never replace, whatever {@code --force} says: the root folder, the working directory,
 * the home folder and every folder above them, and every folder that holds one of the run's inputs (its model,
 * words file or activations). Paths are compared as real paths (links and {@code ..} resolved), so
 * {@code --out ./x/..} or a link to the home folder are recognised too.
 */
final class ProtectedFolders {

    private record Guarded(Path real, String what) {
    }

    private final List<Guarded> guarded = new ArrayList<>();

    private ProtectedFolders() {
    }

    /** The working directory, the home folder ({@code user.home} and {@code $HOME}) and {@code inputs}. */
    static ProtectedFolders of(Collection<Path> inputs) {
        ProtectedFolders p = new ProtectedFolders();
        p.add(Path.of(""), "the working directory");
        p.add(System.getProperty("user.home"), "your home folder");
        p.add(System.getenv("HOME"), "your home folder");
        for (Path input : inputs) {
            p.add(input, "the input " + input);
        }
        return p;
    }

    private void add(String path, String what) {
        if (path != null && !path.isBlank()) {
            add(Path.of(path), what);
        }
    }

    private void add(Path path, String what) {
        guarded.add(new Guarded(real(path), what));
    }

    /** Throws when {@code target} (a real path) is the root, or is or holds a protected folder or input. */
    void check(Path target, Path shownAs) {
        if (target.getParent() == null) {
            throw new LaminarException("--out " + shownAs + " is the root folder; laminar never replaces it: give a"
                    + " new folder, e.g. --out results");
        }
        for (Guarded g : guarded) {
            if (g.real().startsWith(target)) {
                String relation = g.real().equals(target) ? " is " : " holds ";
                throw new LaminarException("--out " + shownAs + relation + g.what() + "; laminar never replaces such"
                        + " a folder, even with --force: give a new folder, e.g. --out results");
            }
        }
    }

    /**
     * The real path of {@code p}: links and {@code ..} resolved as far as the path exists, the rest appended and
     * normalised (a part that does not exist cannot be a link).
     */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath();
        try {
            if (Files.exists(abs)) {
                return abs.toRealPath();
            }
        } catch (IOException e) {
            // fall through to the parent
        }
        Path parent = abs.getParent();
        if (parent == null || abs.getFileName() == null) {
            return abs.normalize();
        }
        return real(parent).resolve(abs.getFileName()).normalize();
    }

    /** Whether {@code p} is a link whose target does not exist. */
    static boolean brokenLink(Path p) {
        return Files.isSymbolicLink(p) && !Files.exists(p) && Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
