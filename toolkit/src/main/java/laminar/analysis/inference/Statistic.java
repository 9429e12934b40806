package laminar.analysis.inference;

/** The statistics of the inference block, in results.json order. */
public enum Statistic {
    /** Within − across mean cosine (Part 6), per Q, K, V. */
    SELECTIVITY_DIFF("selectivity_diff", true),
    /** Part 6's pooled t, used as a statistic (no Student df). */
    SELECTIVITY_T("selectivity_t", true),
    /** Part 7b's t on Fisher-z values. */
    SELECTIVITY_FISHER_Z_T("selectivity_fisher_z_t", true),
    /** Part 4's RSA, per Q–K, Q–V, K–V (Mantel test). */
    RSA("rsa", true),
    /** (within + across) / 2: bootstrap interval only (no null hypothesis to test). */
    SELECTIVITY_AVERAGE("selectivity_average", false);

    private final String key;
    private final boolean tested;

    Statistic(String key, boolean tested) {
        this.key = key;
        this.tested = tested;
    }

    /** The key in results.json and the name in inference.csv. */
    public String key() {
        return key;
    }

    /** Whether the statistic has a permutation test (else only a bootstrap interval). */
    public boolean tested() {
        return tested;
    }

    /** Names of the three columns: the matrices Q, K, V, or the RSA pairs. */
    public String[] columns() {
        return this == RSA ? new String[] {"QK", "QV", "KV"} : new String[] {"Q", "K", "V"};
    }
}
