#!/usr/bin/python3
"""Baseline for the extraction benchmark (BENCHMARKS.md): the notebook's Part 1 in PyTorch.

  /usr/bin/time -v /usr/bin/python3 toolkit/src/test/python/bench_torch_forward.py \
      --model /tmp/xl-random --words golden/words/notebook-34.tsv --threads 2

What the notebook does, with Debian's python3-torch and no transformers: a GPT2LMHeadModel (HF's code path
written out: wte + wpe, blocks of LayerNorm / Conv1D c_attn / eager causal attention / c_proj / LayerNorm /
MLP with gelu_new, ln_f, LM head tied to wte) built from the checkpoint's model.safetensors; a forward hook on
every layer's attn.c_attn that splits the output into Q, K, V and stores them as numpy arrays; all sentences
("The next word is {word}", ids from the checkpoint's tokenizer.json via DJL-equivalent ids passed in with
--ids, or GPT-2's template ids below) as one [34, 5] batch through the full model under torch.no_grad().

Weights are mapped copy-on-write from the file (numpy memmap mode 'c' + torch.from_numpy: no copy, the same
page-cache pages laminar maps), so load time is mostly mapping. Prints load, forward and total seconds.
"""
import argparse
import json
import math
import struct
import time

import numpy as np
import torch
from torch import nn

T0 = time.perf_counter()

# GPT-2 ids of "The next word is" (checked against golden/values/notebook-34/tokens.json by the benchmark)
PREFIX = [464, 1306, 1573, 318]


def load_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
    header.pop("__metadata__", None)
    mm = np.memmap(path, dtype=np.uint8, mode="c")
    out = {}
    for name, info in header.items():
        b, e = info["data_offsets"]
        if info["dtype"] != "F32":
            continue
        arr = mm[8 + n + b: 8 + n + e].view(np.float32).reshape(info["shape"])
        out[name[len("transformer."):] if name.startswith("transformer.") else name] = torch.from_numpy(arr)
    return out


class Conv1D(nn.Module):
    def __init__(self, w, b):
        super().__init__()
        self.weight, self.bias = nn.Parameter(w, requires_grad=False), nn.Parameter(b, requires_grad=False)

    def forward(self, x):
        size_out = x.size()[:-1] + (self.weight.size(-1),)
        return torch.addmm(self.bias, x.view(-1, x.size(-1)), self.weight).view(size_out)


def layer_norm(w, b, eps):
    ln = nn.LayerNorm(w.shape[0], eps=eps)
    ln.weight, ln.bias = nn.Parameter(w, requires_grad=False), nn.Parameter(b, requires_grad=False)
    return ln


class Block(nn.Module):
    def __init__(self, t, i, cfg):
        super().__init__()
        p = f"h.{i}."
        eps = cfg.get("layer_norm_epsilon", 1e-5)
        self.h = cfg["n_head"]
        self.ln_1 = layer_norm(t[p + "ln_1.weight"], t[p + "ln_1.bias"], eps)
        self.attn = nn.Module()
        self.attn.c_attn = Conv1D(t[p + "attn.c_attn.weight"], t[p + "attn.c_attn.bias"])
        self.attn.c_proj = Conv1D(t[p + "attn.c_proj.weight"], t[p + "attn.c_proj.bias"])
        self.ln_2 = layer_norm(t[p + "ln_2.weight"], t[p + "ln_2.bias"], eps)
        self.c_fc = Conv1D(t[p + "mlp.c_fc.weight"], t[p + "mlp.c_fc.bias"])
        self.c_proj = Conv1D(t[p + "mlp.c_proj.weight"], t[p + "mlp.c_proj.bias"])

    def forward(self, x):
        bsz, n, d = x.shape
        q, k, v = self.attn.c_attn(self.ln_1(x)).split(d, dim=2)
        hd = d // self.h
        q, k, v = (a.view(bsz, n, self.h, hd).permute(0, 2, 1, 3) for a in (q, k, v))
        w = torch.matmul(q, k.transpose(-1, -2)) / torch.full([], hd ** 0.5)
        causal = torch.tril(torch.ones((n, n), dtype=torch.bool)).view(1, 1, n, n)
        w = torch.where(causal, w, torch.full([], torch.finfo(w.dtype).min))
        a = torch.matmul(torch.softmax(w, dim=-1), v).permute(0, 2, 1, 3).reshape(bsz, n, d)
        x = x + self.attn.c_proj(a)
        m = self.c_fc(self.ln_2(x))
        m = 0.5 * m * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (m + 0.044715 * torch.pow(m, 3.0))))
        return x + self.c_proj(m)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--words", required=True)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    cfg = json.load(open(f"{args.model}/config.json"))
    vocab = json.load(open(f"{args.model}/vocab.json"))
    words = [l.rstrip("\n").split("\t")[-1] for l in open(args.words) if l.strip() and not l.startswith("#")]
    # every notebook word is one GPT-2 token with its leading space ("Ġgalaxy")
    batch = torch.tensor([PREFIX + [vocab["\u0120" + w]] for w in words], dtype=torch.long)

    t_load = time.perf_counter()
    t = load_safetensors(f"{args.model}/model.safetensors")
    blocks = [Block(t, i, cfg) for i in range(cfg["n_layer"])]
    eps = cfg.get("layer_norm_epsilon", 1e-5)
    ln_f = layer_norm(t["ln_f.weight"], t["ln_f.bias"], eps)
    wte, wpe = t["wte.weight"], t["wpe.weight"]
    activations = {}

    def implant_hook(layer_number):  # the notebook's hook
        def hook(module, input, output):
            q, k, v = output.detach().split(cfg["n_embd"], dim=2)
            activations[f"attn_{layer_number}_q"] = q.numpy()
            activations[f"attn_{layer_number}_k"] = k.numpy()
            activations[f"attn_{layer_number}_v"] = v.numpy()
        return hook

    for i, b in enumerate(blocks):
        b.attn.c_attn.register_forward_hook(implant_hook(i))
    load_s = time.perf_counter() - t_load

    t_fwd = time.perf_counter()
    with torch.no_grad():
        x = wte[batch] + wpe[torch.arange(batch.shape[1])].unsqueeze(0)
        for b in blocks:
            x = b(x)
        logits = ln_f(x) @ wte.T  # the LM head (tied)
    fwd_s = time.perf_counter() - t_fwd
    print(json.dumps({"batch": list(batch.shape), "load_s": round(load_s, 3), "forward_s": round(fwd_s, 3),
                      "total_s": round(time.perf_counter() - T0, 3), "threads": torch.get_num_threads(),
                      "logits": list(logits.shape), "layers_hooked": len(activations) // 3,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
