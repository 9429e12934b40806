package laminar.model.architectures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/**
 * The shared pieces of a decoder block, each as Hugging Face computes it in float32: norms, linear layers
 * ({@code nn.Linear}: weight {@code [out, in]}), the MLPs and the rotary embedding. Architectures compose them
 * ({@link Architecture}).
 */
public final class Blocks {

    private Blocks() {
    }

    /** Llama's RMSNorm: {@code g * (x / sqrt(mean(x^2) + eps))}, the variance in float32. */
    public static NDArray rmsNorm(NDArray x, NDArray gain, double eps) {
        NDArray variance = x.square().mean(new int[] {-1}, true);
        return x.mul(variance.add((float) eps).sqrt().pow(-1f)).mul(gain);
    }

    /** {@code nn.LayerNorm} over the last axis. */
    public static NDArray layerNorm(NDArray x, NDArray gain, NDArray bias, double eps) {
        long width = x.getShape().get(x.getShape().dimension() - 1);
        return LayerNorm.layerNorm(x, new Shape(width), gain, bias, (float) eps).singletonOrThrow();
    }

    /** {@code nn.Linear}: {@code x W^T + b} ({@code bias} may be null). */
    public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        NDArray y = x.matMul(weight.transpose());
        return bias == null ? y : y.add(bias);
    }

    /** GPT-2's {@code Conv1D}: {@code x W + b}, weight {@code [in, out]} (the transpose of {@code nn.Linear}'s). */
    public static NDArray conv1d(NDArray x, NDArray weight, NDArray bias) {
        return x.matMul(weight).add(bias);
    }

    /** HF's {@code NewGELUActivation}: {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, in that order. */
    public static NDArray geluNew(NDArray x) {
        NDArray inner = x.pow(3f).mul(0.044715f).add(x).mul((float) Math.sqrt(2.0 / Math.PI));
        return x.mul(0.5f).mul(inner.tanh().add(1f));
    }

    /** Llama's gated MLP: {@code down(silu(gate(x)) * up(x))}. */
    public static NDArray swiGlu(NDArray x, NDArray gate, NDArray up, NDArray down) {
        NDArray g = linear(x, gate, null);
        NDArray silu = g.mul(g.neg().exp().add(1f).pow(-1f));
        return linear(silu.mul(linear(x, up, null)), down, null);
    }

    /** GPT-NeoX's MLP: {@code down(act(up(x)))}, {@code gelu} exact (erf) or {@code gelu_new} (tanh). */
    public static NDArray geluMlp(NDArray x, NDArray up, NDArray upBias, NDArray down, NDArray downBias,
                                  String activation) {
        NDArray h = linear(x, up, upBias);
        NDArray act = activation.equals("gelu_new") ? geluNew(h)
                : h.mul(0.5f).mul(h.mul((float) (1 / Math.sqrt(2))).erf().add(1f));
        return linear(act, down, downBias);
    }

    /**
     * Rotates the first {@code cos}-width dimensions of every head of {@code x} {@code [rows, heads, headDim]}
     * ({@code x * cos + rotate_half(x) * sin}, the rest passes through); {@code cos}, {@code sin} are
     * {@code [rows, 1, rotaryDims]}.
     */
    public static NDArray rotary(NDArray x, NDArray cos, NDArray sin) {
        long headDim = x.getShape().get(2);
        long r = cos.getShape().get(2);
        NDArray rot = r == headDim ? x : x.get(new NDIndex("..., 0:{}", r));
        NDArray first = rot.get(new NDIndex("..., 0:{}", r / 2));
        NDArray second = rot.get(new NDIndex("..., {}:", r / 2));
        NDArray half = NDArrays.concat(new NDList(second.neg(), first), -1);
        NDArray out = rot.mul(cos).add(half.mul(sin));
        return r == headDim ? out : NDArrays.concat(new NDList(out, x.get(new NDIndex("..., {}:", r))), -1);
    }

    /**
     * cos and sin tables {@code [rows, rotaryDims]} for the given positions: {@code freq = position * inv_freq} in
     * float32, duplicated ({@code cat(freqs, freqs)}) as transformers does.
     */
    public static float[][] rotaryTables(RopeSpec rope, int[] positions) {
        float[] inv = rope.inverseFrequencies();
        int half = inv.length;
        int dims = 2 * half;
        float[] cos = new float[positions.length * dims];
        float[] sin = new float[positions.length * dims];
        for (int i = 0; i < positions.length; i++) {
            for (int j = 0; j < half; j++) {
                float f = (float) positions[i] * inv[j];
                float c = (float) Math.cos(f);
                float s = (float) Math.sin(f);
                cos[i * dims + j] = c;
                cos[i * dims + half + j] = c;
                sin[i * dims + j] = s;
                sin[i * dims + half + j] = s;
            }
        }
        return new float[][] {cos, sin};
    }
}
