#!/usr/bin/env python3
"""Independent numpy reference for laminar's analyses on the architecture golden activations: Part 4's RSA
(rsa.json: per layer, last token: float32 unit vectors, float32 cosine matrices, np.corrcoef in float64 of the strict upper
triangles, pairs Q-K, Q-V, K-V). K and V keep their own width (num_key_value_heads * head_dim): a cosine matrix
does not care about the feature count, so grouped-query K/V need no special treatment here. heads.json: the same per layer and query head (the head's
head_dim columns of Q against those of its K/V head h // group for K and V), with selectivity [Q,K,V][within -
across mean, pooled two-sample t (scipy's ttest_ind), (within + across mean) / 2] over the strict upper
triangle's same-category / other-category cosines, and its Fisher-z (arctanh) form.

  /work/venv-tf/bin/python golden/arch_reference.py --values golden/values/arch
  /work/venv-tf/bin/python golden/arch_reference.py --values golden/values/notebook-34 \
      --heads-only golden/values/heads/notebook-34-heads.json
"""
import argparse
import json
import os

import numpy as np
from safetensors.numpy import load_file


def cosines(x):
    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    return x @ x.T


def pooled_t(a, b):
    """scipy.stats.ttest_ind(a, b) (equal variances), in float64."""
    na, nb = len(a), len(b)
    sp = ((na - 1) * a.var(ddof=1) + (nb - 1) * b.var(ddof=1)) / (na + nb - 2)
    return (a.mean() - b.mean()) / np.sqrt(sp * (1 / na + 1 / nb))


def selectivity(cos, within, across, fisher):
    x = np.arctanh(cos.astype(np.float64)) if fisher else cos.astype(np.float64)
    w, a = x[within], x[across]
    return [float(w.mean() - a.mean()), float(pooled_t(w, a)), float((w.mean() + a.mean()) / 2)]


def per_head(acts, layers, heads, kv_heads, labels):
    """Per layer and query head: its Q columns against its K/V group's K and V columns (last token)."""
    n = len(labels)
    i, j = np.triu_indices(n, k=1)
    same = labels[i] == labels[j]
    hd = acts["attn_0_q"].shape[2] // heads
    g = heads // kv_heads
    out = {"rsa": [], "selectivity": [], "selectivity_fisher_z": [], "kv_group": [h // g for h in range(heads)]}
    for layer in range(layers):
        rows = {"rsa": [], "selectivity": [], "selectivity_fisher_z": []}
        for h in range(heads):
            cols = {"q": slice(h * hd, (h + 1) * hd), "k": slice((h // g) * hd, (h // g + 1) * hd)}
            cols["v"] = cols["k"]
            cos = {x: cosines(acts[f"attn_{layer}_{x}"][:, -1, cols[x]])[i, j] for x in "qkv"}
            rows["rsa"].append([float(np.corrcoef(cos[a], cos[b])[0, 1]) for a, b in ("qk", "qv", "kv")])
            rows["selectivity"].append([selectivity(cos[x], same, ~same, False) for x in "qkv"])
            rows["selectivity_fisher_z"].append([selectivity(cos[x], same, ~same, True) for x in "qkv"])
        for k, v in rows.items():
            out[k].append(v)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--values", required=True)
    ap.add_argument("--heads-only", metavar="OUT", help="--values is one GPT-2 set: write its heads.json to OUT")
    ap.add_argument("--heads", type=int, default=4, help="query heads of every model under --values")
    args = ap.parse_args()
    if args.heads_only:
        # a GPT-2 set (e.g. values/notebook-34): only the per-head reference, into OUT
        acts = load_file(os.path.join(args.values, "activations.safetensors"))
        with open(os.path.join(args.values, "tokens.json")) as f:
            cats = [w["category"] for w in json.load(f)["words"]]
        labels = np.array([sorted(set(cats), key=cats.index).index(c) for c in cats])
        layers = len([k for k in acts if k.endswith("_q")])
        with open(args.heads_only, "w") as f:
            json.dump(per_head(acts, layers, args.heads, args.heads, labels), f)
        return
    for name in sorted(os.listdir(args.values)):
        acts = load_file(os.path.join(args.values, name, "activations.safetensors"))
        layers = len([k for k in acts if k.endswith("_q")])
        n = acts["attn_0_q"].shape[0]
        upper = np.triu_indices(n, k=1)
        rsa = []
        for layer in range(layers):
            cos = {x: cosines(acts[f"attn_{layer}_{x}"][:, -1, :])[upper] for x in "qkv"}
            rsa.append([float(np.corrcoef(cos[a], cos[b])[0, 1]) for a, b in ("qk", "qv", "kv")])
        with open(os.path.join(args.values, name, "rsa.json"), "w") as f:
            json.dump({"position": -1, "pairs": ["QK", "QV", "KV"], "rsa": rsa}, f, indent=1)
        with open(os.path.join(args.values, name, "tokens.json")) as f:
            cats = [w["category"] for w in json.load(f)["words"]]
        labels = np.array([sorted(set(cats), key=cats.index).index(c) for c in cats])
        kv = acts["attn_0_k"].shape[2] // (acts["attn_0_q"].shape[2] // args.heads)
        with open(os.path.join(args.values, name, "heads.json"), "w") as f:
            json.dump(per_head(acts, layers, args.heads, kv, labels), f)
        print(name, [round(r, 3) for r in rsa[0]], "kv heads", kv)


if __name__ == "__main__":
    main()
