/**
 * Inference on the laminar profile (beyond the notebook): permutation tests of category selectivity (labels
 * permuted) and of the Q/K/V RSA (Mantel), corrected across layers × Q/K/V by the max-statistic method (FWER) and
 * Benjamini–Hochberg (FDR), and bootstrap percentile intervals over words resampled within categories.
 * {@link laminar.analysis.inference.InferencePass} runs it batch by batch inside the laminar pass (the cosine
 * matrices are re-indexed, never recomputed); {@link laminar.analysis.inference.Inference} holds the results.
 * The sums come from the {@code KernelBackend} permutation and bootstrap kernels.
 */
package laminar.analysis.inference;
