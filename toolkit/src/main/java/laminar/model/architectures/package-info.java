/**
 * What differs between architectures: their config.json and the names and composition of their tensors.
 * {@link laminar.model.architectures.Gpt2Config} reads GPT-2's; {@link laminar.model.architectures.ArchConfig}
 * reads {@code llama}, {@code mistral}, {@code qwen2} and {@code gpt_neox} (Hub spelling and current
 * {@code transformers}' {@code rope_parameters}), {@link laminar.model.architectures.RopeSpec} their rotary
 * embedding.
 *
 * <p>An architecture is one small class: {@link laminar.model.architectures.Architecture} names the checkpoint's
 * tensors and composes the shared {@link laminar.model.architectures.Blocks} (RMSNorm/LayerNorm, {@code nn.Linear}
 * and GPT-2's Conv1D, SwiGLU/GELU MLPs, rotary embedding): {@link laminar.model.architectures.Gpt2},
 * {@link laminar.model.architectures.LlamaFamily} and {@link laminar.model.architectures.GptNeoX} (the rotary ones
 * picked by {@link laminar.model.architectures.Architecture#of}). Their weights are a
 * {@link laminar.model.architectures.ModelWeights}: {@link laminar.model.architectures.ArchWeights} or GPT-2's
 * {@link laminar.model.architectures.Gpt2Weights} (which accepts the {@code transformer.} prefix and names
 * GPT-2's config fields in its messages); both are checked for NaN/Inf before any compute. One driver,
 * {@link laminar.model.ArchExtractor} in {@code laminar.model}, runs them all (rows, shared prefix, per-layer
 * weight mapping read ahead, attention, recording Q/K/V).
 */
package laminar.model.architectures;
