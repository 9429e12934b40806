package laminar.model;

/** The three thirds of an attention layer's {@code c_attn} output, in the notebook's order. */
public enum Qkv {
    Q, K, V;

    /** Lower-case key suffix used in activation files ({@code attn_{L}_q}). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
