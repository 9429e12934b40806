/**
 * Statistics around the kernels, reproducing the notebook's numpy/scipy calls: pooled-variance t
 * ({@link laminar.kernels.stats.StudentT}, {@link laminar.kernels.stats.Selectivity}), numpy-exact
 * Freedman-Diaconis histograms ({@link laminar.kernels.stats.FreedmanDiaconis}) and numpy's legacy random stream
 * ({@link laminar.kernels.stats.NumpyLegacyRandom}).
 */
package laminar.kernels.stats;
