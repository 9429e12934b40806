#!/usr/bin/python3
"""Seeded synthetic activations for the analysis-at-scale benchmark (issue 7).

Writes OUT/words-N.tsv and OUT/acts-N.safetensors: the notebook's layout (attn_{L}_{q|k|v}, float32
[words, columns, d]) with laminar's __metadata__ (format laminar.activations/1, words, token_ids, n_layer,
n_embd, columns, alignment), so the same file is read by `laminar analyze` and by
`golden/export.py --activations`.

Structure, so that RSA and selectivity are not trivial: per layer L and Q/K/V,
    x_w = m_L * u + s_L * c_{cat(w)} + r * z_w + e_w
with u a shared mean direction (cosines mostly positive, as in GPT-2), c_k one direction per category (strength
s_L varies over layers), z_w a per-word vector shared by Q, K and V of that layer (so Q/K/V RSA is positive) and e_w
independent noise; all directions have norm sqrt(d) like the noise. Column 0 is independent noise plus u (Part 2
reads column 1, Parts 3-7 the last column, which is column 1 as well with 2 columns).

Usage: /usr/bin/python3 bench/make_activations.py --n 2000 --d 1600 --layers 48 --out /tmp/laminar-bench
Only numpy is needed; the file is written one tensor at a time (memory ~ one tensor).
"""
import argparse
import json
import os
import struct

import numpy as np

CATEGORIES = ("astronomy", "household", "fruit")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, required=True, help="number of words")
    ap.add_argument("--d", type=int, default=1600, help="embedding width (default 1600, GPT-2 XL)")
    ap.add_argument("--layers", type=int, default=48, help="layers (default 48, GPT-2 XL)")
    ap.add_argument("--columns", type=int, default=2, help="token columns (default 2)")
    ap.add_argument("--seed", type=int, default=38)
    ap.add_argument("--out", required=True, help="output folder (outside the repository)")
    a = ap.parse_args()
    n, d, layers, cols = a.n, a.d, a.layers, a.columns
    if n < 6 or cols < 2 or layers < 7:
        raise SystemExit("need n >= 6, columns >= 2 (Part 2 reads index 1), layers >= 7 (the notebook uses 5 and 6)")
    os.makedirs(a.out, exist_ok=True)
    rng = np.random.default_rng(a.seed)

    # categories in blocks of (nearly) equal size, sorted as the notebook's list is
    sizes = [n // 3 + (1 if k < n % 3 else 0) for k in range(3)]
    cats = np.repeat(np.arange(3), sizes)
    words = [f"{CATEGORIES[c][:5]}{i:05d}" for i, c in enumerate(cats)]
    words_path = os.path.join(a.out, f"words-{n}.tsv")
    with open(words_path, "w", encoding="utf-8") as f:
        f.write(f"# synthetic benchmark words, n={n}, seed={a.seed} (bench/make_activations.py)\n")
        for w, c in zip(words, cats):
            f.write(f"{CATEGORIES[c]}\t{w}\n")
    # token ids: any ids, one per column (the analyses never look at them)
    token_ids = [[464 + j for j in range(cols - 1)] + [1000 + i] for i in range(n)]

    def unit(k):
        v = rng.standard_normal((k, d)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True) * np.float32(np.sqrt(d))

    names = [f"attn_{L}_{c}" for L in range(layers) for c in "qkv"]
    shape = [n, cols, d]
    nbytes = n * cols * d * 4
    header = {}
    for i, name in enumerate(sorted(names)):
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [i * nbytes, (i + 1) * nbytes]}
    header["__metadata__"] = {
        "format": "laminar.activations/1", "words": json.dumps(words), "token_ids": json.dumps(token_ids),
        "n_layer": str(layers), "n_embd": str(d), "columns": str(cols), "alignment": "right",
        "source": f"bench/make_activations.py --n {n} --d {d} --layers {layers} --columns {cols} --seed {a.seed}"}
    hb = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hb += b" " * (-len(hb) % 8)

    # per-layer parameters first (fixed draw order), then the tensors in file (sorted-name) order
    u = unit(1)[0]
    mean_strength = rng.uniform(0.6, 1.4, layers).astype(np.float32)
    cat_strength = (0.25 + 0.35 * (1 + np.sin(np.arange(layers) / 5.0))).astype(np.float32)
    shared = rng.uniform(0.4, 1.0, layers).astype(np.float32)
    layer_seeds = rng.integers(0, 2**63, layers)
    cache = {}

    def tensor(name):
        _, L, kind = name.split("_")
        L = int(L)
        if L not in cache:  # per-word vectors shared by Q, K, V of a layer; cached for its three tensors
            cache.clear()
            lr = np.random.default_rng(layer_seeds[L])
            cdirs = lr.standard_normal((3, 3, d)).astype(np.float32)
            cdirs *= np.float32(np.sqrt(d)) / np.linalg.norm(cdirs, axis=2, keepdims=True)
            z = lr.standard_normal((n, d), dtype=np.float32)
            cache[L] = (lr, cdirs, z)
        lr, cdirs, z = cache[L]
        ki = "qkv".index(kind)
        out = np.empty((n, cols, d), dtype=np.float32)
        krng = np.random.default_rng([int(layer_seeds[L]), ki])
        for c in range(cols - 1):
            out[:, c, :] = u + krng.standard_normal((n, d), dtype=np.float32)
        last = krng.standard_normal((n, d), dtype=np.float32)
        last += shared[L] * z
        last += cat_strength[L] * cdirs[ki][cats]
        last += mean_strength[L] * u
        out[:, cols - 1, :] = last
        return out

    path = os.path.join(a.out, f"acts-{n}.safetensors")
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(hb)))
        f.write(hb)
        for name in sorted(names):
            t = tensor(name)
            f.write(t.astype("<f4", copy=False).tobytes())
    os.replace(tmp, path)
    print(f"wrote {path} ({os.path.getsize(path) / 2**30:.2f} GiB) and {words_path}")


if __name__ == "__main__":
    main()
