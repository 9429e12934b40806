/**
 * The notebook's Part 1: from a GPT-2-family checkpoint to every layer's attention Q, K and V.
 *
 * <p>End to end:
 * <pre>{@code
 * Checkpoint ckpt = Checkpoint.resolve("gpt2-xl", true);          // directory, HF cache, or download
 * TokenizedStimuli stimuli;
 * try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(ckpt.directory())) {
 *     stimuli = TokenizedStimuli.of(tok, "The next word is {word}", words);
 * }
 * System.err.println(stimuli.report());                           // words that are not one token, before compute
 * try (Gpt2Extractor ex = Gpt2Extractor.open(ckpt, ExtractionOptions.defaults())) {
 *     Activations acts = ex.extract(stimuli);
 *     System.err.println(ex.summary(ckpt.name()));
 *     ActivationsFile.write(Path.of("activations.safetensors"), acts);
 * }
 * }</pre>
 * {@link laminar.model.Extraction#run} does the same in one call.
 *
 * <ul>
 *   <li>{@link laminar.model.io.SafeTensorsFile}: header validation and per-tensor memory mapping (never the heap);</li>
 *   <li>{@link laminar.model.Gpt2Config}, {@link laminar.model.Gpt2Weights}: config.json and the checked weights
 *       (single file or shards, with or without the {@code transformer.} prefix);</li>
 *   <li>{@link laminar.model.Checkpoint}: a model directory, or a Hub name found in the Hugging Face cache or
 *       downloaded into it by {@link laminar.model.hub} (resumable verified downloads);</li>
 *   <li>{@link laminar.model.Gpt2Tokenizer}, {@link laminar.model.TokenizedStimuli}: sentences and their tokens;</li>
 *   <li>{@link laminar.model.Gpt2Extractor}: the forward pass on DJL/PyTorch, layer by layer, shared prefix once;</li>
 *   <li>{@link laminar.model.Activations}, {@link laminar.model.io.ActivationsFile}: the result and its file;</li>
 *   <li>{@link laminar.model.RandomCheckpoint}: random checkpoints of any GPT-2 shape for tests and benchmarks.</li>
 * </ul>
 */
package laminar.model;
