package laminar.model.architectures;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * One architecture: the names its checkpoint gives the tensors, and how a block composes the shared
 * {@link Blocks}. Everything else (weights, batching, attention, rotary, Q/K/V recording) is shared by
 * {@link laminar.model.ArchExtractor}, which runs every architecture, GPT-2 ({@link Gpt2}) included.
 */
public interface Architecture {

    /** The architecture class for {@code config.modelType()} (one of {@link ArchConfig#SUPPORTED} but gpt2). */
    static Architecture of(ArchConfig config) {
        return switch (config.modelType()) {
            case "llama", "mistral", "qwen2" -> new LlamaFamily(config);
            case "gpt_neox" -> new GptNeoX(config);
            default -> throw new IllegalStateException("checked by ArchConfig: " + config.modelType());
        };
    }

    /** One layer's weights by name relative to the layer's prefix (mapped, float32). */
    interface LayerWeights {
        NDArray get(String name);
    }

    /** The token-embedding tensor. */
    String embedding();

    /** The learned position-embedding tensor added to the token embedding, or null (rotary positions). */
    default String positionEmbedding() {
        return null;
    }

    /** The attention scores of block {@code layer} scaled before the softmax: by default {@code 1/sqrt(head_dim)}. */
    default NDArray scaleScores(NDArray scores, int layer, int headDim) {
        return scores.mul((float) Math.pow(headDim, -0.5));
    }

    /** The prefix of layer {@code l}'s tensors, e.g. {@code model.layers.3.}. */
    String layerPrefix(int layer);

    /** Layer tensors the forward reads, relative to the prefix; with {@code projectionsOnly} up to Q/K/V. */
    List<String> tensors(boolean projectionsOnly);

    /** The shape config.json implies for layer tensor {@code name} (relative to the prefix). */
    long[] shape(String name);

    /** Q, K, V projection outputs {@code [rows, features]} of the block's input {@code hidden}. */
    NDArray[] projections(LayerWeights w, NDArray hidden);

    /** The block's output given its input {@code hidden} and the attention's (pre-output-projection) result. */
    NDArray finish(LayerWeights w, NDArray hidden, NDArray attention);
}
