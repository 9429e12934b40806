#!/usr/bin/env python3
"""Independent numpy reference for laminar's analyses on the architecture golden activations: Part 4's RSA
(per layer, last token: float32 unit vectors, float32 cosine matrices, np.corrcoef in float64 of the strict upper
triangles, pairs Q-K, Q-V, K-V). K and V keep their own width (num_key_value_heads * head_dim): a cosine matrix
does not care about the feature count, so grouped-query K/V need no special treatment here.

  /work/venv-tf/bin/python golden/arch_reference.py --values golden/values/arch
"""
import argparse
import json
import os

import numpy as np
from safetensors.numpy import load_file


def cosines(x):
    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    return x @ x.T


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--values", required=True)
    args = ap.parse_args()
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
        print(name, [round(r, 3) for r in rsa[0]])


if __name__ == "__main__":
    main()
