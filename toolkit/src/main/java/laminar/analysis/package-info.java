/**
 * The notebook's analyses, one small class per part: {@link laminar.analysis.Part1Masks},
 * {@link laminar.analysis.Part2Correlations}, {@link laminar.analysis.Part3Similarity},
 * {@link laminar.analysis.Part4LaminarRsa}, {@link laminar.analysis.Part5LayerSelectivity},
 * {@link laminar.analysis.Part6LaminarSelectivity}, {@link laminar.analysis.Part7FisherZ}; run them all with
 * {@link laminar.analysis.LaminarAnalysis#run}. Each layer's cosine matrices are computed once
 * ({@code LaminarPass}) and reused by Parts 3–7.
 */
package laminar.analysis;
