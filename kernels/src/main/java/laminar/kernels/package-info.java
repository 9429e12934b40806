/**
 * laminar's numeric core: batched cosine similarity, Pearson r, RSA, Fisher-z and within/across moments
 * ({@link laminar.kernels.KernelBackend}), with the plain-Java reference backend {@link laminar.kernels.JavaKernels}
 * and run-time discovery of optional backends ({@link laminar.kernels.Backends}). No model code lives here.
 */
package laminar.kernels;
