package laminar.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.function.UnaryOperator;

/**
 * Causal self-attention of every sentence of an {@link ExtractionPlan}, for every architecture: the shared prefix
 * rows once (they see only themselves), then each group of equal-length sentences against the whole prefix and
 * itself. Grouped-query attention repeats each K/V head for its query heads (Hugging Face's {@code repeat_kv}).
 *
 * @param heads   query heads
 * @param kvHeads K/V heads (dividing {@code heads}; equal to it without grouped-query attention)
 * @param headDim features per head
 * @param scale   the architecture's scaling of the raw scores (GPT-2: by 1/sqrt(head_dim) and optionally 1/(layer+1))
 */
public record CausalAttention(int heads, int kvHeads, int headDim, UnaryOperator<NDArray> scale) {

    /**
     * The attention output {@code [rows, heads*headDim]} (before the output projection) of {@code q}
     * ({@code rows} first, {@code heads*headDim} features per row) and {@code k}, {@code v} ({@code kvHeads*headDim}
     * features per row), in the plan's row order. Intermediates live in {@code scope}.
     */
    public NDArray apply(NDManager scope, NDArray q, NDArray k, NDArray v, ExtractionPlan plan) {
        int d = heads * headDim;
        int p = plan.prefix();
        NDList outputs = new NDList();
        NDArray kpT = null;
        NDArray vp = null;
        if (p > 0) {
            NDIndex prefix = new NDIndex("0:{}", p);
            NDArray qp = perHead(q.get(prefix), 1, p, heads).squeeze(0); // [H, P, hd]
            kpT = perQueryHead(k.get(prefix), 1, p).squeeze(0).transpose(0, 2, 1); // [H, hd, P]
            vp = perQueryHead(v.get(prefix), 1, p).squeeze(0); // [H, P, hd]
            NDArray probs = scale.apply(qp.matMul(kpT)).add(causalMask(scope, p)).softmax(-1);
            outputs.add(probs.matMul(vp).transpose(1, 0, 2).reshape(p, d));
        }
        for (ExtractionPlan.Group g : plan.groups()) {
            int m = g.sentences().length;
            int s = g.length();
            NDIndex rows = new NDIndex("{}:{}", g.firstRow(), g.firstRow() + m * s);
            NDArray qg = perHead(q.get(rows), m, s, heads); // [m, H, S, hd]
            NDArray kg = perQueryHead(k.get(rows), m, s);
            NDArray vg = perQueryHead(v.get(rows), m, s);
            NDArray own = scale.apply(qg.matMul(kg.transpose(0, 1, 3, 2))).add(causalMask(scope, s)); // [m,H,S,S]
            NDArray out;
            if (p > 0) {
                NDArray pre = scale.apply(qg.matMul(kpT)); // [m, H, S, P]: every own token sees the whole prefix
                NDArray probs = NDArrays.concat(new NDList(pre, own), -1).softmax(-1);
                out = probs.get(new NDIndex("..., 0:{}", p)).matMul(vp)
                        .add(probs.get(new NDIndex("..., {}:", p)).matMul(vg));
            } else {
                out = own.softmax(-1).matMul(vg);
            }
            outputs.add(out.transpose(0, 2, 1, 3).reshape((long) m * s, d));
        }
        return outputs.size() == 1 ? outputs.head() : NDArrays.concat(outputs, 0);
    }

    /** {@code m*s} rows of {@code n} heads → {@code [m, n, s, hd]}. */
    private NDArray perHead(NDArray x, int m, int s, int n) {
        return x.reshape(m, s, n, headDim).transpose(0, 2, 1, 3);
    }

    /** K/V rows → {@code [m, H, s, hd]}, K/V head j repeated for query heads j*g..j*g+g-1. */
    private NDArray perQueryHead(NDArray x, int m, int s) {
        NDArray t = perHead(x, m, s, kvHeads);
        int g = heads / kvHeads;
        if (g == 1) {
            return t;
        }
        return t.expandDims(2).broadcast(new Shape(m, kvHeads, g, s, headDim)).reshape(m, (long) heads, s, headDim);
    }

    /** {@code [s, s]}: 0 on and below the diagonal, -inf above (softmax gives exactly 0 there, as HF's finfo.min does). */
    private static NDArray causalMask(NDManager scope, int s) {
        float[] mask = new float[s * s];
        for (int i = 0; i < s; i++) {
            for (int j = i + 1; j < s; j++) {
                mask[i * s + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return scope.create(mask, new Shape(s, s));
    }
}
