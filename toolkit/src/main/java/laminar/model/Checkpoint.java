package laminar.model;

import laminar.model.architectures.Gpt2Config;
import laminar.LaminarException;
import laminar.model.hub.HubModels;
import laminar.model.hub.HubNames;
import laminar.model.hub.HubSettings;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A GPT-2-family checkpoint on disk: a directory in the Hugging Face layout (config.json, tokenizer files,
 * model.safetensors or a sharded index), and the name it was asked for.
 *
 * <p>{@link #resolve} accepts a directory, or a Hub name ({@code gpt2-xl}, {@code openai-community/gpt2-xl},
 * optionally {@code @revision}) looked up in the Hugging Face cache and downloaded into it when absent.
 *
 * @param name what the user gave (directory or Hub name)
 * @param directory the model directory
 * @param config its config.json
 */
public record Checkpoint(String name, Path directory, Gpt2Config config) {

    /** A local model directory; {@link LaminarException} when it is missing or has no GPT-2 config. */
    public static Checkpoint local(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new LaminarException(dir + ": no such model directory; give a Hugging Face model directory"
                    + " (config.json, tokenizer.json, model.safetensors) or a Hub name like gpt2-xl");
        }
        return new Checkpoint(dir.toString(), dir, Gpt2Config.read(dir));
    }

    /**
     * Resolves {@code model} as a directory or a Hub name, with the settings of the environment (read only when
     * {@code model} is not a directory, so a bad Hub variable never stops a local run).
     */
    public static Checkpoint resolve(String model, boolean progress) {
        if (model != null && !model.isBlank() && Files.isDirectory(asPath(model))) {
            return local(asPath(model));
        }
        return resolve(model, HubSettings.fromEnvironment(progress));
    }

    /**
     * Resolves {@code model} as a directory or a Hub name ({@code name[@revision]}, revision a branch, tag or
     * commit); a Hub name is looked up in the cache and downloaded when absent ({@link HubModels}).
     */
    public static Checkpoint resolve(String model, HubSettings hub) {
        Path dir = directory(model, hub);
        return Files.isDirectory(asPath(model)) ? local(dir) : new Checkpoint(model, dir, Gpt2Config.read(dir));
    }

    /**
     * The model directory of {@code model} (a directory, or a Hub name resolved as {@link #resolve} does), without
     * reading its config: for callers that dispatch on {@code config.json}'s {@code model_type} first (rotary
     * architectures are not GPT-2 configs). Hub settings are read from the environment only for a Hub name.
     */
    public static Path directory(String model, boolean progress) {
        if (model != null && !model.isBlank() && Files.isDirectory(asPath(model))) {
            return asPath(model);
        }
        return directory(model, HubSettings.fromEnvironment(progress));
    }

    /** {@link #directory(String, boolean)} with the given Hub settings. */
    public static Path directory(String model, HubSettings hub) {
        if (model == null || model.isBlank()) {
            throw new LaminarException("no model given; pass a model directory or a Hub name like gpt2-xl");
        }
        Path asPath = asPath(model);
        if (Files.isDirectory(asPath)) {
            return asPath;
        }
        if (Files.exists(asPath)) {
            throw new LaminarException(model + ": is a file, not a model directory; give the directory that holds"
                    + " config.json and model.safetensors");
        }
        String name = model;
        String revision = "main";
        int at = model.indexOf('@');
        if (at > 0) {
            name = model.substring(0, at);
            revision = model.substring(at + 1);
        }
        if (!HubNames.isRepoId(name)) {
            throw new LaminarException(model + ": no such model directory (and not a Hub name like gpt2-xl or"
                    + " openai-community/gpt2-xl); check the path");
        }
        return HubModels.resolve(model, name, revision, hub, System.err);
    }

    private static Path asPath(String model) {
        try {
            return Path.of(model.startsWith("~/") ? System.getProperty("user.home") + model.substring(1) : model);
        } catch (java.nio.file.InvalidPathException e) {
            throw new LaminarException("'" + HubNames.printable(model) + "' is neither a model directory nor a Hub"
                    + " name (" + e.getReason() + "); give a directory or a name like gpt2-xl");
        }
    }
}
