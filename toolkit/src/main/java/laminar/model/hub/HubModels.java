package laminar.model.hub;

import laminar.LaminarException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A Hub name and revision to a checked model directory: the cached snapshot when it is complete and its files
 * pass their checks, else a download (which also replaces cached files that failed them); offline, a missing
 * revision or a damaged file is reported with what to do.
 */
public final class HubModels {

    private HubModels() {
    }

    /**
     * The snapshot directory of {@code name} (a Hub repository id or bare GPT-2 name) at {@code revision}.
     *
     * @param asked what the user gave, for messages (e.g. {@code gpt2@main})
     * @param log where download notes go (one line per file, also without a terminal)
     * @throws LaminarException when the name or revision is not valid, the model is not cached while offline, a
     *         cached file is damaged while offline, or the download fails
     */
    public static Path resolve(String asked, String name, String revision, HubSettings hub, PrintStream log) {
        if (!HubNames.isRepoId(name)) {
            throw new LaminarException("'" + HubNames.printable(name) + "' (from " + asked + ") is not a Hub"
                    + " repository id (like gpt2-xl or openai-community/gpt2-xl)");
        }
        HubNames.revision(revision, asked);
        String id = HubCache.repoId(name);
        for (String candidate : HubCache.candidates(name)) {
            Optional<Path> snap;
            try {
                snap = HubCache.snapshot(hub.cache(), candidate, revision);
            } catch (HubCache.DamagedRef e) {
                if (hub.offline()) {
                    throw e;
                }
                log.println("laminar: " + e.problem() + "; asking the Hub for " + revision + " again");
                break;
            }
            if (snap.isEmpty() || !HubCache.complete(snap.get())) {
                continue;
            }
            Optional<HubCache.Damaged> damaged = HubCache.damaged(snap.get());
            if (damaged.isEmpty()) {
                return snap.get();
            }
            if (hub.offline()) {
                throw new LaminarException(asked + ": " + damaged.get().message() + " (HF_HUB_OFFLINE is set)");
            }
            log.println("laminar: " + damaged.get().describe() + "; downloading it again");
            break;
        }
        if (hub.offline()) {
            List<String> cached = HubCache.cachedRevisions(hub.cache(), id);
            throw new LaminarException(asked + ": no such model directory, and " + id
                    + (revision.equals("main") ? "" : " at revision " + revision) + " is not in the Hugging Face"
                    + " cache (" + hub.cache() + ") while HF_HUB_OFFLINE is set"
                    + (cached.isEmpty() ? "" : " (cached revisions: " + String.join(", ", cached) + ")")
                    + "; check the path, or download the model");
        }
        return new HubDownloader(hub, log).download(id, revision);
    }
}
