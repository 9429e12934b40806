package laminar.model.hub;

import laminar.LaminarException;
import laminar.model.Checkpoint;

import java.nio.file.Path;

/** A second process for {@link HubConcurrencyTest}: resolves a model into a cache and says where it is. */
final class HubChildProcess {

    private HubChildProcess() {
    }

    /** Arguments: cache directory, endpoint, model name. Exit 0 with "snapshot DIR", or 2 with the message. */
    public static void main(String[] args) {
        try {
            HubSettings settings = new HubSettings(Path.of(args[0]), args[1], false, null, false);
            System.out.println("snapshot " + Checkpoint.resolve(args[2], settings).directory());
        } catch (LaminarException e) {
            System.out.println("laminar: " + e.getMessage());
            System.exit(2);
        }
    }
}
