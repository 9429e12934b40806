#!/usr/bin/python3
"""Fixture for laminar's GPT-2 forward: a tiny random checkpoint and PyTorch's Q/K/V for it.

  /usr/bin/python3 toolkit/src/test/python/make_forward_fixture.py \
      toolkit/src/test/resources/laminar/model/torch-reference

Writes into the output directory:
  config.json, model.safetensors  a 3-layer GPT-2 (n_embd 32, 4 heads, vocab 300,
                                  n_positions 32), float32, names with the
                                  "transformer." prefix, plus the buffers
                                  h.N.attn.bias / h.N.attn.masked_bias and an
                                  lm_head.weight that a reader must ignore;
  expected.safetensors            every layer's c_attn output split into Q, K, V
                                  for seven sentences of unequal length (given as
                                  token ids), in laminar's activation format
                                  (keys attn_{L}_{q|k|v}, [words, columns, n_embd],
                                  right-aligned, zeros before shorter sentences;
                                  __metadata__ words/token_ids/...).

The reference forward is Hugging Face's GPT2Model code path written out in
plain torch (transformers is not installable here): wte + wpe, per block
LayerNorm(eps from config) -> Conv1D c_attn via torch.addmm(b, x, W) -> split
into heads -> q @ k^T / sqrt(head_dim) -> causal mask filled with finfo.min ->
softmax(float32) -> @ v -> merge heads -> c_proj -> residual -> ln_2 -> c_fc ->
gelu_new (0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))) -> c_proj ->
residual. Every sentence runs alone (batch 1, no padding), so its tokens see
exactly their own sentence.

Needs Debian's python3-torch and python3-numpy; deterministic (numpy
RandomState). CI has no Python: the output is committed.
"""
import json
import math
import os
import struct
import sys

import numpy as np
import torch

L, D, H, V, NPOS, EPS = 3, 32, 4, 300, 32, 1e-5
INNER = 4 * D

SENTENCES = [
    ("galaxy", [11, 12, 13, 14, 101]),
    ("sofa", [11, 12, 13, 14, 102]),
    ("pear", [11, 12, 13, 14, 103]),
    ("cosmos", [11, 12, 13, 14, 104, 105]),        # two-token word
    ("banana", [11, 12, 13, 14, 106, 107, 108]),   # three-token word
    ("lime", [11, 12, 13, 14, 109]),
    ("odd", [11, 12, 20, 21]),                     # shares only two prefix tokens
]


def weights(rng):
    t = {}

    def normal(shape, std, mean=0.0):
        return (mean + rng.standard_normal(size=shape) * std).astype(np.float32)

    t["wte.weight"] = normal((V, D), 0.5)
    t["wpe.weight"] = normal((NPOS, D), 0.2)
    for i in range(L):
        p = f"h.{i}."
        t[p + "ln_1.weight"] = normal((D,), 0.2, 1.0)
        t[p + "ln_1.bias"] = normal((D,), 0.1)
        t[p + "attn.c_attn.weight"] = normal((D, 3 * D), 0.5 / math.sqrt(D) * 2)
        t[p + "attn.c_attn.bias"] = normal((3 * D,), 0.2)
        t[p + "attn.c_proj.weight"] = normal((D, D), 1 / math.sqrt(D))
        t[p + "attn.c_proj.bias"] = normal((D,), 0.05)
        t[p + "ln_2.weight"] = normal((D,), 0.2, 1.0)
        t[p + "ln_2.bias"] = normal((D,), 0.1)
        t[p + "mlp.c_fc.weight"] = normal((D, INNER), 1 / math.sqrt(D))
        t[p + "mlp.c_fc.bias"] = normal((INNER,), 0.1)
        t[p + "mlp.c_proj.weight"] = normal((INNER, D), 1 / math.sqrt(INNER))
        t[p + "mlp.c_proj.bias"] = normal((D,), 0.05)
    t["ln_f.weight"] = normal((D,), 0.1, 1.0)
    t["ln_f.bias"] = normal((D,), 0.1)
    return t


def write_safetensors(path, tensors, metadata=None):
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    offset = 0
    blobs = []
    for name, arr in tensors.items():
        arr = np.ascontiguousarray(arr)
        dtype = {np.float32: "F32", np.uint8: "U8", np.bool_: "BOOL"}[arr.dtype.type]
        b = arr.astype(arr.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def layer_norm(x, w, b):
    return torch.nn.functional.layer_norm(x, (D,), w, b, EPS)


def conv1d(x, w, b):
    # transformers.pytorch_utils.Conv1D.forward
    size_out = x.size()[:-1] + (w.size(-1),)
    return torch.addmm(b, x.view(-1, x.size(-1)), w).view(size_out)


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def forward_qkv(t, ids):
    """[1, n] ids -> list over layers of the c_attn output [1, n, 3D] (stops after the last c_attn)."""
    n = ids.shape[1]
    h = t["wte.weight"][ids] + t["wpe.weight"][torch.arange(n)].unsqueeze(0)
    causal = torch.tril(torch.ones((n, n), dtype=torch.bool)).view(1, 1, n, n)
    out = []
    for i in range(L):
        p = f"h.{i}."
        x = layer_norm(h, t[p + "ln_1.weight"], t[p + "ln_1.bias"])
        qkv = conv1d(x, t[p + "attn.c_attn.weight"], t[p + "attn.c_attn.bias"])
        out.append(qkv)
        if i == L - 1:
            break
        q, k, v = qkv.split(D, dim=2)

        def heads(a):
            return a.view(1, n, H, D // H).permute(0, 2, 1, 3)

        q, k, v = heads(q), heads(k), heads(v)
        w = torch.matmul(q, k.transpose(-1, -2))
        w = w / torch.full([], v.size(-1) ** 0.5, dtype=w.dtype)
        w = torch.where(causal, w, torch.full([], torch.finfo(w.dtype).min, dtype=w.dtype))
        w = torch.nn.functional.softmax(w, dim=-1)
        a = torch.matmul(w, v).permute(0, 2, 1, 3).contiguous().view(1, n, D)
        a = conv1d(a, t[p + "attn.c_proj.weight"], t[p + "attn.c_proj.bias"])
        h = h + a
        m = layer_norm(h, t[p + "ln_2.weight"], t[p + "ln_2.bias"])
        m = conv1d(gelu_new(conv1d(m, t[p + "mlp.c_fc.weight"], t[p + "mlp.c_fc.bias"])),
                   t[p + "mlp.c_proj.weight"], t[p + "mlp.c_proj.bias"])
        h = h + m
    return out


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    rng = np.random.RandomState(3838)
    w = weights(rng)
    stored = {}
    for name, arr in w.items():
        stored["transformer." + name] = arr
        if name.endswith("ln_1.bias"):
            i = name.split(".")[1]
            stored[f"transformer.h.{i}.attn.bias"] = np.tril(np.ones((NPOS, NPOS), dtype=np.uint8)).reshape(1, 1, NPOS, NPOS)
            stored[f"transformer.h.{i}.attn.masked_bias"] = np.array(-1e4, dtype=np.float32)
    stored["lm_head.weight"] = w["wte.weight"]
    write_safetensors(os.path.join(out_dir, "model.safetensors"), stored, {"format": "pt"})
    config = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "activation_function": "gelu_new",
              "layer_norm_epsilon": EPS, "n_ctx": NPOS, "n_embd": D, "n_head": H, "n_inner": None,
              "n_layer": L, "n_positions": NPOS, "vocab_size": V}
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")

    t = {k: torch.from_numpy(v) for k, v in w.items()}
    cols = max(len(ids) for _, ids in SENTENCES)
    acts = {f"attn_{i}_{x}": np.zeros((len(SENTENCES), cols, D), dtype=np.float32)
            for i in range(L) for x in "qkv"}
    with torch.no_grad():
        for s, (_, ids) in enumerate(SENTENCES):
            layers = forward_qkv(t, torch.tensor([ids], dtype=torch.long))
            off = cols - len(ids)
            for i, qkv in enumerate(layers):
                q, k, v = qkv[0].split(D, dim=1)
                acts[f"attn_{i}_q"][s, off:] = q.numpy()
                acts[f"attn_{i}_k"][s, off:] = k.numpy()
                acts[f"attn_{i}_v"][s, off:] = v.numpy()
    meta = {"format": "laminar.activations/1", "words": json.dumps([w for w, _ in SENTENCES]),
            "token_ids": json.dumps([ids for _, ids in SENTENCES]), "n_layer": str(L), "n_embd": str(D),
            "columns": str(cols), "alignment": "right",
            "source": "toolkit/src/test/python/make_forward_fixture.py, torch " + torch.__version__}
    write_safetensors(os.path.join(out_dir, "expected.safetensors"), acts, meta)
    print("wrote", out_dir)


if __name__ == "__main__":
    main()
