/**
 * Rotary-attention checkpoints beside GPT-2: {@code llama}, {@code mistral}, {@code qwen2} and {@code gpt_neox}.
 *
 * <p>A new architecture is one small class: {@link laminar.model.arch.Architecture} names the checkpoint's tensors
 * and composes the shared {@link laminar.model.arch.Blocks} (RMSNorm/LayerNorm, linear layers, SwiGLU/GELU MLPs,
 * rotary embedding); {@link laminar.model.arch.LlamaFamily} and {@link laminar.model.arch.GptNeoX} are the two
 * there are. {@link laminar.model.arch.ArchConfig} reads {@code config.json} (Hub spelling and current
 * {@code transformers}' {@code rope_parameters}), {@link laminar.model.arch.ArchWeights} maps safetensors per
 * layer, and {@link laminar.model.arch.ArchExtractor} runs the shared forward (grouped-query causal attention) and
 * records Q, K and V.
 */
package laminar.model.arch;
