package laminar.analysis;

import laminar.model.Qkv;

/** The three pairs the notebook compares, in its order: Q–K, Q–V, K–V. */
public enum QkvPair {
    QK(Qkv.Q, Qkv.K), QV(Qkv.Q, Qkv.V), KV(Qkv.K, Qkv.V);

    private final Qkv first;
    private final Qkv second;

    QkvPair(Qkv first, Qkv second) {
        this.first = first;
        this.second = second;
    }

    public Qkv first() {
        return first;
    }

    public Qkv second() {
        return second;
    }

    /** "Q-K" etc. */
    public String label() {
        return first + "-" + second;
    }
}
