#!/usr/bin/env python3
"""The notebook's Part 1 as a user runs it (load + forward), timed: the baseline of the extraction process target
in BENCHMARKS.md. Needs transformers + torch (a venv: pip install torch transformers).

  /usr/bin/time -v VENV/bin/python bench/notebook_load_forward.py MODEL_DIR golden/words/notebook-34.tsv [THREADS]

Steps, each timed: import numpy/torch/transformers; AutoModelForCausalLM.from_pretrained(dir) and
AutoTokenizer.from_pretrained(dir); a forward hook on every layer's attn.c_attn keeping Q/K/V as numpy arrays;
the sentences "The next word is {word}" encoded into one [words, 5] batch; one forward under torch.no_grad().
Prints one JSON line (seconds per step, process total since interpreter start).
"""
import json
import sys
import time

T0 = time.perf_counter()
import numpy as np  # noqa: E402,F401  (the notebook imports it first)
import torch  # noqa: E402
from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: E402

T_IMPORT = time.perf_counter() - T0


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: notebook_load_forward.py MODEL_DIR WORDS_TSV [THREADS (default 2)]")
    model_dir, words_file = sys.argv[1], sys.argv[2]
    torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) == 4 else 2)
    with open(words_file) as f:
        words = [line.rstrip("\n").split("\t")[-1] for line in f if line.strip() and not line.startswith("#")]

    t = time.perf_counter()
    model = AutoModelForCausalLM.from_pretrained(model_dir)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model.eval()
    load_s = time.perf_counter() - t

    acts = {}
    d = model.config.n_embd

    def keep(layer):
        def hook(module, inputs, output):
            for name, part in zip("qkv", output.detach().split(d, dim=2)):
                acts[f"attn_{layer}_{name}"] = part.numpy()
        return hook

    for i, block in enumerate(model.transformer.h):
        block.attn.c_attn.register_forward_hook(keep(i))

    t = time.perf_counter()
    rows = [tokenizer.encode(f"The next word is {w}") for w in words]
    batch = torch.tensor(rows, dtype=torch.long)
    with torch.no_grad():
        model(batch)
    forward_s = time.perf_counter() - t
    print(json.dumps({"import_s": round(T_IMPORT, 3), "load_s": round(load_s, 3), "forward_s": round(forward_s, 3),
                      "total_s": round(time.perf_counter() - T0, 3), "batch": list(batch.shape),
                      "layers_hooked": len(acts) // 3, "threads": torch.get_num_threads(),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
