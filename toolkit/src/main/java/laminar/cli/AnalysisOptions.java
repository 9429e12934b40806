package laminar.cli;

import laminar.LaminarException;
import laminar.model.TokenPosition;
import laminar.stimuli.WordList;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Options shared by {@code run}, {@code analyze} and {@code demo}. Each default is the field's initial value, the
 * one set of defaults: picocli shows and applies it, and {@code demo}, which builds these options without
 * picocli, gets the same.
 */
final class AnalysisOptions {

    @Option(names = "--words", paramLabel = "FILE",
            description = "Words file: UTF-8, one 'category<TAB>word' per line (default: the notebook's 34 words).")
    Path words;

    @Option(names = "--layer", description = "Layer shown in Parts 2a, 3 and 5 (default: ${DEFAULT-VALUE}).")
    int layer = 6;

    @Option(names = "--corr-position", paramLabel = "N|last",
            description = "Token position of the Q/K/V correlations of Part 2: an index from the sentence start or"
                    + " 'last' (default: ${DEFAULT-VALUE}, as the notebook). Positions count the tokens the model sees,"
                    + " its special tokens included (Llama's and Mistral's BOS is position 0).")
    String corrPosition = "1";

    @Option(names = "--seed", description = "Seed of Part 7a's random draw (numpy's legacy RNG)"
            + " and of the permutations and bootstrap resamples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--permutations", paramLabel = "P",
            description = "Permutations per test (selectivity: category labels; RSA: Mantel), p-values corrected"
                    + " across layers x Q/K/V; 0 = no tests (default: ${DEFAULT-VALUE}).")
    int permutations = 1000;

    @Option(names = "--bootstrap", paramLabel = "B",
            description = "Bootstrap resamples of the words (within categories) for 95% intervals; 0 = none"
                    + " (default: ${DEFAULT-VALUE}).")
    int bootstrap = 1000;

    @Option(names = "--alternative", paramLabel = "greater|two-sided",
            description = "Alternative of the permutation tests: within > across and positive RSA, or two-sided"
                    + " (default: ${DEFAULT-VALUE}).")
    String alternative = "greater";

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Kernel backend: java or tornado (default: tornado when installed, else java).")
    String backend;

    @Option(names = "--measure", paramLabel = "cosine|correlation|euclidean",
            description = "Word x word measure of Parts 3-7 (euclidean: negative distance; Part 7's Fisher-z is then"
                    + " not computed) (default: ${DEFAULT-VALUE}, as the notebook).")
    String measure = "cosine";

    @Option(names = "--standardize", paramLabel = "none|center|zscore",
            description = "Each feature standardized across the words before the measure (default: ${DEFAULT-VALUE}).")
    String standardize = "none";

    @Option(names = "--compare", paramLabel = "pearson|spearman|kendall-tau-a",
            description = "Comparison of two matrices' upper triangles in Parts 3b and 4 and the category-model fit"
                    + " (default: ${DEFAULT-VALUE}, as the notebook).")
    String compare = "pearson";

    @Option(names = "--no-cka", description = "Do not compute linear CKA (within layers and the layer x layer maps):"
            + " it costs about one more similarity pass over every layer; its results, tables and figures are left out.")
    boolean noCka;

    @Option(names = "--no-figures", description = "Write numbers only.")
    boolean noFigures;

    @Option(names = "--no-report", description = "Do not write report.html.")
    boolean noReport;

    @Option(names = "--force", description = "Replace an existing output directory written by laminar.")
    boolean force;

    laminar.analysis.inference.InferenceOptions inference() {
        return new laminar.analysis.inference.InferenceOptions(permutations, bootstrap, seed,
                laminar.analysis.inference.Alternative.parse(alternative));
    }

    laminar.analysis.MeasureOptions measureOptions() {
        try {
            return new laminar.analysis.MeasureOptions(laminar.kernels.Measure.parse(measure),
                    laminar.kernels.Standardize.parse(standardize), laminar.kernels.Compare.parse(compare))
                    .withCka(!noCka);
        } catch (IllegalArgumentException e) {
            throw new LaminarException(e.getMessage());
        }
    }

    WordList wordList() {
        inference(); // the commands read the word list first: bad inference options are refused before any work
        return words == null ? WordList.notebook() : WordList.read(words);
    }

    TokenPosition corrPosition() {
        if ("last".equalsIgnoreCase(corrPosition)) {
            return TokenPosition.LAST;
        }
        try {
            int p = Integer.parseInt(corrPosition);
            if (p < 0) {
                throw new NumberFormatException();
            }
            return new TokenPosition.FromStart(p);
        } catch (NumberFormatException e) {
            throw new LaminarException("--corr-position must be a token index >= 0 or 'last', got '" + corrPosition + "'");
        }
    }

    void checkLayer(int nLayers) {
        if (layer < 0 || layer >= nLayers) {
            throw new LaminarException("--layer " + layer + " is out of range: the model has " + nLayers
                    + " layers (0.." + (nLayers - 1) + ")");
        }
    }
}
