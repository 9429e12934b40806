#!/usr/bin/python3
"""Independent numpy/scipy reference for laminar's measures (issue 13): the word x word measures under each
standardization, the comparisons of upper triangles (Pearson, scipy's spearmanr, Kendall's tau-a counted over
every pair directly), the category-model fit, and linear CKA from its defining formula
CKA = <HKH, HLH>_F / (|HKH|_F |HLH|_F), K = X X^T, on the notebook's own Q/K/V at the last token
(values/notebook-34/activations.safetensors). Writes values/measures/reference.json (read by MeasuresSpec).

    /usr/bin/python3 golden/measures_reference.py
"""
import json
import os
import struct

import numpy as np
from scipy.spatial.distance import pdist, squareform
from scipy.stats import pearsonr, spearmanr

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = [  # (measure, standardize, compare): every measure, standardization and comparison at least once
    ("cosine", "none", "pearson"),
    ("cosine", "zscore", "kendall-tau-a"),
    ("correlation", "none", "pearson"),
    ("correlation", "zscore", "spearman"),
    ("euclidean", "center", "kendall-tau-a"),
    ("euclidean", "none", "spearman"),
]


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for key, meta in header.items():
        if key == "__metadata__":
            continue
        a, b = meta["data_offsets"]
        out[key] = np.frombuffer(data[a:b], dtype=np.float32).reshape(meta["shape"])
    return out


def standardize(x, how):
    x = x.astype(np.float64)
    if how == "none":
        return x
    c = x - x.mean(axis=0)
    if how == "center":
        return c
    sd = x.std(axis=0)  # ddof 0
    return np.divide(c, sd, out=np.zeros_like(c), where=sd > 0)


def similarity(x, measure):
    if measure == "cosine":
        return 1.0 - squareform(pdist(x, "cosine"))
    if measure == "correlation":
        return 1.0 - squareform(pdist(x, "correlation"))
    return -squareform(pdist(x, "euclidean"))


def tau_a(x, y):
    """Kendall's tau-a by its definition: every pair, (concordant - discordant) / (m(m-1)/2)."""
    sx = np.sign(x[:, None] - x[None, :])
    sy = np.sign(y[:, None] - y[None, :])
    m = len(x)
    return float(np.triu(sx * sy, 1).sum() / (m * (m - 1) / 2))


def compare(a, b, how):
    if how == "pearson":
        return float(pearsonr(a, b)[0])
    if how == "spearman":
        return float(spearmanr(a, b)[0])
    return tau_a(a, b)


def cka(x, y):
    n = x.shape[0]
    h = np.eye(n) - np.ones((n, n)) / n
    k = h @ (x @ x.T) @ h
    l = h @ (y @ y.T) @ h
    return float((k * l).sum() / (np.linalg.norm(k) * np.linalg.norm(l)))


def main():
    values = os.path.join(HERE, "values")
    acts = read_safetensors(os.path.join(values, "notebook-34", "activations.safetensors"))
    with open(os.path.join(HERE, "words", "notebook-34.tsv"), encoding="utf-8") as f:
        cats = [line.split("\t")[0] for line in f if line.strip() and not line.startswith("#")]
    layers = len({k.split("_")[1] for k in acts})
    last = {(l, q): acts[f"attn_{l}_{q}"][:, -1, :].astype(np.float64) for l in range(layers) for q in "qkv"}
    n = len(cats)
    iu = np.triu_indices(n, 1)
    model = np.array([1.0 if cats[i] == cats[j] else 0.0 for i, j in zip(*iu)])
    pairs = [("q", "k"), ("q", "v"), ("k", "v")]
    configs = []
    for measure, std, how in CONFIGS:
        rsa, fit, diff = [], [], []
        for l in range(layers):
            tri = {q: similarity(standardize(last[(l, q)], std), measure)[iu] for q in "qkv"}
            rsa.append([compare(tri[a], tri[b], how) for a, b in pairs])
            fit.append([compare(tri[q], model, how) for q in "qkv"])
            diff.append([float(tri[q][model == 1].mean() - tri[q][model == 0].mean()) for q in "qkv"])
        configs.append({"measure": measure, "standardize": std, "compare": how, "rsa": rsa,
                        "category_fit": fit, "selectivity_difference": diff})
    cka_within = [[cka(last[(l, a)], last[(l, b)]) for a, b in pairs] for l in range(layers)]
    cka_layers = {q: [[cka(last[(a, q)], last[(b, q)]) for b in range(layers)] for a in range(layers)]
                  for q in "qkv"}
    out = {"source": "golden/measures_reference.py on values/notebook-34/activations.safetensors (last token)",
           "numpy": np.__version__, "configs": configs, "cka": cka_within, "cka_layers": cka_layers}
    os.makedirs(os.path.join(values, "measures"), exist_ok=True)
    with open(os.path.join(values, "measures", "reference.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
