package laminar.model;

import laminar.model.architectures.ArchConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the {@link QkvExtractor} for a model directory from its config.json's {@code model_type}. */
public final class Extractors {

    private Extractors() {
    }

    /**
     * The {@code model_type} of a local model directory when it is one {@link ArchExtractor} reads, {@code null}
     * for GPT-2 (or a Hub name, or no config.json); any other type is refused naming the supported ones. Read
     * before any work, so that a wrong option is refused before the output folder is made.
     */
    public static String rotaryModelType(String modelArg) {
        try {
            return rotaryModelType(Path.of(modelArg));
        } catch (java.nio.file.InvalidPathException e) {
            return null; // not a directory: Checkpoint.resolve says what it is
        }
    }

    /** {@link #rotaryModelType(String)} of a model directory (a local one, or a Hub snapshot). */
    public static String rotaryModelType(Path dir) {
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            return null;
        }
        String type = ArchConfig.modelType(dir);
        if (type == null || type.equals("gpt2")) {
            return null;
        }
        if (!ArchConfig.SUPPORTED.contains(type)) {
            throw ArchConfig.unsupported(dir.resolve("config.json"), type);
        }
        return type;
    }

    /**
     * GPT-2 ({@code model_type} gpt2 or absent, as GPT-2's own early configs) on {@link Gpt2Extractor}; llama,
     * mistral, qwen2 and gpt_neox on {@link ArchExtractor}; any other type is refused naming the supported ones.
     */
    public static QkvExtractor open(Path dir, ExtractionOptions options) {
        return rotaryModelType(dir) == null ? Gpt2Extractor.open(dir, options) : ArchExtractor.open(dir, options);
    }
}
