/**
 * What differs between architectures: their config.json and the names and composition of their tensors.
 * {@link laminar.model.architectures.Gpt2Config} reads GPT-2's; {@link laminar.model.architectures.ArchConfig}
 * reads {@code llama}, {@code mistral}, {@code qwen2} and {@code gpt_neox} (Hub spelling and current
 * {@code transformers}' {@code rope_parameters}), {@link laminar.model.architectures.RopeSpec} their rotary
 * embedding.
 *
 * <p>A new rotary architecture is one small class: {@link laminar.model.architectures.Architecture} names the
 * checkpoint's tensors and composes the shared {@link laminar.model.architectures.Blocks} (RMSNorm/LayerNorm, linear
 * layers, SwiGLU/GELU MLPs, rotary embedding); {@link laminar.model.architectures.LlamaFamily} and
 * {@link laminar.model.architectures.GptNeoX} are the two there are, picked by
 * {@link laminar.model.architectures.Architecture#of}. {@link laminar.model.architectures.ArchWeights} maps their
 * safetensors per layer. The extraction driver (rows, shared prefix, attention, recording Q/K/V) is
 * {@link laminar.model.ArchExtractor} in {@code laminar.model}, shared with GPT-2's
 * {@link laminar.model.Gpt2Extractor} through {@link laminar.model.ExtractionPlan} and
 * {@link laminar.model.CausalAttention}.
 */
package laminar.model.architectures;
