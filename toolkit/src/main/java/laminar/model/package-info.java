/**
 * The notebook's Part 1 for every architecture: from a checkpoint to every layer's attention Q, K and V.
 *
 * <p>End to end:
 * <pre>{@code
 * Path dir = Checkpoint.directory("gpt2-xl", true);              // directory, HF cache, or download
 * try (QkvExtractor ex = Extractors.open(dir, ExtractionOptions.defaults())) {  // on config.json's model_type
 *     TokenizedStimuli stimuli;
 *     try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(dir, ex.specialTokens())) {
 *         stimuli = TokenizedStimuli.of(tok, "The next word is {word}", words);
 *     }
 *     System.err.println(stimuli.report());                       // words that are not one token, before compute
 *     Activations acts = ex.extract(stimuli);
 *     System.err.println(ex.summary("gpt2-xl"));
 *     ActivationsFile.write(Path.of("activations.safetensors"), acts);
 * }
 * }</pre>
 * {@code laminar extract} does the same from the command line.
 *
 * <ul>
 *   <li>the one extraction driver, {@link laminar.model.ArchExtractor}, running every
 *       {@link laminar.model.architectures.Architecture} (GPT-2 included): {@link laminar.model.ExtractionPlan}
 *       (rows, groups of equal length, the shared prefix computed once), {@link laminar.model.CausalAttention}
 *       (prefix-aware, grouped-query), per-layer weight mappings read ahead on a thread ({@code LayerSource},
 *       {@code LayerWeights}), {@link laminar.model.TorchEngine}, {@link laminar.model.ExtractionOptions},
 *       {@link laminar.model.ExtractionStats}, {@link laminar.model.Progress};</li>
 *   <li>{@link laminar.model.QkvExtractor} and {@link laminar.model.Extractors#open}: one extractor per checkpoint,
 *       {@link laminar.model.Gpt2Extractor} (a thin shim over the driver with GPT-2's description and no special
 *       tokens) or {@link laminar.model.ArchExtractor};</li>
 *   <li>{@link laminar.model.Checkpoint}: a model directory, or a Hub name found in the Hugging Face cache or
 *       downloaded into it by {@link laminar.model.hub} (resumable verified downloads);</li>
 *   <li>{@link laminar.model.Gpt2Tokenizer}, {@link laminar.model.TokenizedStimuli}: sentences and their tokens;</li>
 *   <li>{@link laminar.model.Activations}: the result ({@link laminar.model.io.ActivationsFile}: its file);</li>
 *   <li>{@link laminar.model.io}: safetensors files, activation files, weight values, OS helpers;
 *       {@link laminar.model.architectures}: one small class per architecture and the shared blocks.</li>
 * </ul>
 */
package laminar.model;
