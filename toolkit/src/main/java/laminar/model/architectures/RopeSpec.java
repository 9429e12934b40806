package laminar.model.architectures;

import laminar.LaminarException;

/**
 * A model's rotary position embedding: base {@code theta}, how many of a head's dimensions rotate, and the
 * frequency scaling ({@code default} or {@code llama3}), as Hugging Face's {@code rope_init_fn}s define them.
 *
 * @param theta the base ({@code rope_theta}, GPT-NeoX's {@code rotary_emb_base})
 * @param rotaryDims rotated dimensions per head (even; {@code head_dim * partial_rotary_factor})
 * @param type {@code default} or {@code llama3}
 * @param factor llama3 {@code factor}
 * @param lowFreqFactor llama3 {@code low_freq_factor}
 * @param highFreqFactor llama3 {@code high_freq_factor}
 * @param originalMaxPositions llama3 {@code original_max_position_embeddings}
 */
public record RopeSpec(double theta, int rotaryDims, String type, double factor, double lowFreqFactor,
                       double highFreqFactor, int originalMaxPositions) {

    public RopeSpec {
        if (!(theta > 0) || rotaryDims <= 0 || rotaryDims % 2 != 0) {
            throw new LaminarException("config.json: rope theta " + theta + " / rotary dimensions " + rotaryDims
                    + " are invalid (theta > 0, an even positive number of rotary dimensions); fix config.json");
        }
        if (!type.equals("default") && !type.equals("llama3")) {
            throw new LaminarException("config.json: rope type '" + type + "' is not supported (supported: default,"
                    + " llama3); use a checkpoint without that rope scaling");
        }
    }

    /** Unscaled rotary embedding. */
    public static RopeSpec plain(double theta, int rotaryDims) {
        return new RopeSpec(theta, rotaryDims, "default", 1, 1, 1, 0);
    }

    /**
     * The inverse frequencies {@code 1 / theta^(2i/dims)}, i = 0..dims/2-1, computed in float32 as transformers does
     * ({@code torch.arange(0, dim, 2, dtype=int64).float() / dim}), then llama3's smooth rescaling.
     */
    public float[] inverseFrequencies() {
        int half = rotaryDims / 2;
        float[] inv = new float[half];
        for (int i = 0; i < half; i++) {
            float exponent = (float) (2 * i) / (float) rotaryDims;
            inv[i] = (float) (1.0 / (float) Math.pow(theta, exponent));
        }
        if (type.equals("llama3")) {
            double lowWavelen = originalMaxPositions / lowFreqFactor;
            double highWavelen = originalMaxPositions / highFreqFactor;
            for (int i = 0; i < half; i++) {
                float wavelen = (float) (2 * Math.PI / inv[i]);
                if (wavelen > lowWavelen) {
                    inv[i] = (float) (inv[i] / factor);
                } else if (wavelen >= highWavelen) {
                    float smooth = (float) ((originalMaxPositions / wavelen - lowFreqFactor)
                            / (highFreqFactor - lowFreqFactor));
                    inv[i] = (float) ((1 - smooth) * inv[i] / factor + smooth * inv[i]);
                }
            }
        }
        return inv;
    }
}
