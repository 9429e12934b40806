package laminar.analysis;

/**
 * Part 4 of the notebook: the RSA scores Q–K, Q–V and K–V of every layer (cosine matrices at the last token).
 *
 * @param rsa {@code [layer][QK, QV, KV]}
 */
public record Part4LaminarRsa(double[][] rsa) {

    static Part4LaminarRsa from(LaminarPass pass) {
        return new Part4LaminarRsa(pass.rsa());
    }
}
