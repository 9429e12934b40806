#!/usr/bin/python3
"""Run the notebook's own code cells and export what each part computes.

  /usr/bin/python3 golden/export.py --notebook NOTEBOOK --checkpoint DIR \\
      --words golden/words/notebook-34.tsv --template "The next word is {word}" \\
      --out golden/values/notebook-34 [--seed 0]

  /usr/bin/python3 golden/export.py --notebook NOTEBOOK --activations FILE.safetensors \\
      --words WORDS.tsv --out DIR            # Parts 2-7 on given activations, no model

The notebook (.ipynb JSON, or a plain-text export in which each code cell
follows an `In [...]:` line) is read at run time; its code cells are executed
in order, in one namespace, unchanged except for the substitutions listed in
SUBSTITUTIONS below, each of which must apply exactly the expected number of
times (otherwise the exporter stops: the notebook is not the one this was
written for).  Values are captured from the notebook's globals after the cell
that computes them (never recomputed here); values that a cell computes but
overwrites before it ends (the r of Part 2a's and 3b's titles, Part 5's t and
histograms, Part 7a's histograms) are captured by thin recording wrappers
around np.corrcoef, np.histogram and ttest_ind that call the real function
and log its result.  See golden/README.md.
"""
import argparse
import hashlib
import json
import os
import platform
import re
import shlex
import sys
import time
import types

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as pyplot  # noqa: E402
import scipy  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gpt2_standin import read_safetensors, write_safetensors  # noqa: E402
from wordlists import read_words  # noqa: E402

FIGURES = [
    "ch6_proj38_part1.png", "ch6_proj38_part2a.png", "ch6_proj38_part2b.png", "ch6_proj38_part3a.png",
    "ch6_proj38_part3b.png", "ch6_proj38_part4.png", "ch6_proj38_part5.png", "ch6_proj38_part6a.png",
    "ch6_proj38_part6b.png", "ch6_proj38_part7a.png", "ch6_proj38_part7b.png",
]

# role -> a string that identifies the cell (must occur in exactly one code cell)
CELL_ROLES = [
    ("imports", "from transformers import AutoModelForCausalLM"),
    ("mpl_setup", "matplotlib_inline.backend_inline"),
    ("load", "AutoModelForCausalLM.from_pretrained("),
    ("hooks", ".register_forward_hook("),
    ("part1", "plt.savefig('ch6_proj38_part1.png')"),
    ("forward", "outs = model(batch)"),
    ("keys", "activations.keys()"),
    ("part2a", "plt.savefig('ch6_proj38_part2a.png')"),
    ("part2b", "plt.savefig('ch6_proj38_part2b.png')"),
    ("part3a", "plt.savefig('ch6_proj38_part3a.png')"),
    ("part3b", "plt.savefig('ch6_proj38_part3b.png')"),
    ("part4", "plt.savefig('ch6_proj38_part4.png')"),
    ("part5", "plt.savefig('ch6_proj38_part5.png')"),
    ("part6a", "plt.savefig('ch6_proj38_part6a.png')"),
    ("part6b", "plt.savefig('ch6_proj38_part6b.png')"),
    ("part7a", "plt.savefig('ch6_proj38_part7a.png')"),
]
MODEL_ROLES = {"load", "hooks", "forward"}

NOTEBOOK_TEMPLATE = "f'The next word is {w[1]}'"
NOTEBOOK_N_TOKENS = "torch.zeros((len(words),5),dtype=torch.long)"


# ---------------------------------------------------------------- notebook reading

def read_cells(path):
    """Code cells of an .ipynb file or of a plain-text export (`In [..]:` before each code cell)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".ipynb") or text.lstrip().startswith("{"):
        nb = json.loads(text)
        cells = []
        for c in nb["cells"]:
            if c.get("cell_type") == "code":
                src = c["source"]
                cells.append("".join(src) if isinstance(src, list) else src)
        return cells
    lines = text.split("\n")
    starts = [i for i, ln in enumerate(lines) if re.match(r"^In \[[^\]]*\]:\s*$", ln)]
    if not starts:
        raise SystemExit(f"{path}: no code cells (expected .ipynb JSON or 'In [..]:' lines)")
    cells = []
    for s, e in zip(starts, starts[1:] + [len(lines)]):
        body = lines[s + 1:e]
        # the markdown cells of the text export that fall between code cells are
        # '# **Part N: ...**' headings; drop them (and blank lines) from the cell's end
        while body and (not body[-1].strip() or re.match(r"^#+\s*\*\*.*\*\*\s*$", body[-1])):
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        cells.append("\n".join(body) + "\n")
    return cells


def find_roles(cells):
    roles = {}
    for role, sig in CELL_ROLES:
        hits = [i for i, c in enumerate(cells) if sig in c]
        if len(hits) != 1:
            raise SystemExit(f"notebook: {sig!r} identifies cell '{role}' but occurs in {len(hits)} cells")
        roles[role] = hits[0]
    if sorted(roles.values()) != [roles[r] for r, _ in CELL_ROLES]:
        raise SystemExit("notebook: cells are not in the expected order")
    return roles


# ---------------------------------------------------------------- substitutions

class Substitutions:
    def __init__(self):
        self.applied = []

    def replace(self, src, old, new, expected, name, why, regex=False, shown_new=None):
        n = len(re.findall(old, src, flags=re.M | re.S)) if regex else src.count(old)
        if n != expected:
            raise SystemExit(f"substitution '{name}': expected {expected} occurrence(s) of {old!r}, found {n}")
        out = re.sub(old, new.replace("\\", "\\\\"), src, flags=re.M | re.S) if regex else src.replace(old, new)
        self.applied.append({"name": name, "count": n, "old": old if not regex else f"regex {old}",
                             "new": new if shown_new is None else shown_new, "why": why})
        return out


def fisher_z_part6(src, subs):
    """Part 7b: the notebook's note says to put np.arctanh before each w= and a= right-hand side."""
    changed = 0
    out = []
    for ln in src.split("\n"):
        m = re.match(r"^(\s*)([wa]) = (.*?)\s*$", ln)
        if m:
            rhs = m.group(3)
            new_rhs = "np.arctanh" + rhs if rhs.startswith("(") and rhs.endswith(")") else f"np.arctanh({rhs})"
            ln = f"{m.group(1)}{m.group(2)} = {new_rhs}"
            changed += 1
        out.append(ln)
    if changed != 6:
        raise SystemExit(f"Part 7b: expected 6 'w = '/'a = ' lines in the Part 6 cell, found {changed}")
    subs.applied.append({"name": "part7b_arctanh", "count": changed, "old": "w = (...) / a = (...)",
                         "new": "w = np.arctanh(...) / a = np.arctanh(...)",
                         "why": "Part 7b: the notebook's note in the Part 6 cell"})
    src = "\n".join(out)
    return subs.replace(src, "plt.savefig('ch6_proj38_part6a.png')", "# plt.savefig('ch6_proj38_part6a.png')", 1,
                        "part7b_keep_part6a_png",
                        "the Part 7b re-run of the Part 6 cell must not overwrite Part 6's own figure")


def part7_plot_cell(src, subs):
    """Part 7b: comment the part6b savefig, uncomment the lines marked 'uncomment for Part 7'."""
    src = subs.replace(src, "plt.savefig('ch6_proj38_part6b.png')", "# plt.savefig('ch6_proj38_part6b.png')", 1,
                       "part7b_comment_part6b_savefig", "the notebook's '# comment out for Part 7'")
    lines = src.split("\n")
    try:
        start = next(i for i, ln in enumerate(lines) if "uncomment for Part 7" in ln)
        end = next(i for i in range(start + 1, len(lines)) if lines[i].strip().startswith("### ---"))
    except StopIteration:
        raise SystemExit("Part 7b: no '### --- uncomment for Part 7' ... '### ---' block in the Part 6b cell")
    n = 0
    for i in range(start + 1, end):
        if lines[i].startswith("# "):
            lines[i] = lines[i][2:]
            n += 1
    if n != 3:
        raise SystemExit(f"Part 7b: expected 3 commented lines in the 'uncomment for Part 7' block, found {n}")
    subs.applied.append({"name": "part7b_uncomment", "count": n, "old": "# <line>", "new": "<line>",
                         "why": "the notebook's '### --- uncomment for Part 7' block"})
    return "\n".join(lines)


# ---------------------------------------------------------------- recording wrappers

class Recorder:
    """Wraps a function: calls the real one, logs (name, input dtypes, result) while a log is open."""

    def __init__(self):
        self.log = None

    def wrap(self, name, fn):
        def wrapper(*args, **kwargs):
            out = fn(*args, **kwargs)
            if self.log is not None:
                dts = [str(np.asarray(a).dtype) for a in args if isinstance(a, np.ndarray)]
                self.log.append((name, dts, out))
            return out

        wrapper.__wrapped__ = fn
        wrapper.__name__ = getattr(fn, "__name__", name)
        return wrapper

    def calls(self, name):
        return [c for c in self.log if c[0] == name]


class NumpyProxy(types.ModuleType):
    """Stands in for `np` in the notebook's namespace: numpy itself except for the wrapped functions."""

    def __init__(self, overrides):
        super().__init__("numpy")
        self.__dict__.update(overrides)

    def __getattr__(self, name):
        return getattr(np, name)


# ---------------------------------------------------------------- helpers

def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def jsonable(x):
    if isinstance(x, np.ndarray):
        return x.tolist()
    if isinstance(x, (np.floating, float)):
        return float(x)
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.bool_,)):
        return bool(x)
    if isinstance(x, dict):
        return {k: jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [jsonable(v) for v in x]
    return x


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        # allow_nan=False: a NaN/inf anywhere is an error, golden values must be finite
        json.dump(jsonable(obj), f, indent=1, allow_nan=False, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, path)


def scalar_type(x):
    return type(x).__module__ + "." + type(x).__name__ if not isinstance(x, np.ndarray) else "ndarray[" + str(x.dtype) + "]"


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notebook", required=True)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--checkpoint", help="HF-layout GPT-2 folder (config.json, model.safetensors, tokenizer files)")
    src.add_argument("--activations", help="safetensors with attn_{L}_{q|k|v} [words, tokens, n_embd]: skip the model")
    ap.add_argument("--words", required=True, help="UTF-8 TSV: category<TAB>word per line, # comments")
    ap.add_argument("--template", default="The next word is {word}", help="sentence template with {word}")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0, help="np.random.seed before Part 7a (default 0)")
    args = ap.parse_args()

    if "{word}" not in args.template:
        raise SystemExit("--template must contain {word}")
    notebook = os.path.abspath(args.notebook)
    words_path = os.path.abspath(args.words)
    out = os.path.abspath(args.out)
    figdir = os.path.join(out, "figures")
    os.makedirs(figdir, exist_ok=True)
    for name in FIGURES:  # stale figures from an earlier run must not survive
        if os.path.exists(os.path.join(figdir, name)):
            os.remove(os.path.join(figdir, name))

    cells = read_cells(notebook)
    roles = find_roles(cells)
    role_of = {i: r for r, i in roles.items()}
    words = read_words(words_path)
    subs = Substitutions()
    env_subs = []

    # ---- environment (no change to the cells' code)
    stub = types.ModuleType("matplotlib_inline")
    stub.backend_inline = types.ModuleType("matplotlib_inline.backend_inline")
    stub.backend_inline.set_matplotlib_formats = lambda *a, **k: None
    sys.modules["matplotlib_inline"] = stub
    sys.modules["matplotlib_inline.backend_inline"] = stub.backend_inline
    env_subs.append("matplotlib_inline stubbed (set_matplotlib_formats is a no-op): no Jupyter here")
    env_subs.append("matplotlib backend Agg")
    pyplot.show = lambda *a, **k: pyplot.close("all")
    env_subs.append("plt.show() closes all figures (what the inline backend does after a cell); figures are "
                    "written by the notebook's own plt.savefig, run with CWD = <out>/figures")
    try:
        import transformers  # noqa: F401
        transformers_version = transformers.__version__
    except ImportError:
        import gpt2_standin
        sys.modules["transformers"] = gpt2_standin.fake_transformers_module()
        transformers_version = None
        env_subs.append("transformers not importable: sys.modules['transformers'] is golden/gpt2_standin.py's "
                        "AutoModelForCausalLM/AutoTokenizer (HF GPT-2 reimplemented in torch, own BPE tokenizer)")
    import torch

    recorder = Recorder()
    np_proxy = NumpyProxy({"histogram": recorder.wrap("histogram", np.histogram),
                           "corrcoef": recorder.wrap("corrcoef", np.corrcoef)})
    env_subs.append("after the imports cell, the namespace's `np` is numpy with np.histogram and np.corrcoef "
                    "wrapped, and `ttest_ind` is wrapped: the wrappers call the real function and log its result")

    # ---- code substitutions
    code = list(cells)
    if args.checkpoint:
        ckpt = os.path.abspath(args.checkpoint)
        code[roles["load"]] = subs.replace(code[roles["load"]], "'gpt2-xl'", repr(ckpt), 2, "model_source",
                                           "load the given checkpoint folder instead of downloading gpt2-xl",
                                           shown_new=f"<absolute path of {args.checkpoint}>")
    code[roles["part1"]] = subs.replace(code[roles["part1"]], r"^words = \[\n.*?^\]$", "words = __golden_words__", 1,
                                        "word_list", "the word list comes from --words ([label, word] pairs, labels "
                                        "1..C in order of first appearance)", regex=True)
    if args.checkpoint:
        code[roles["forward"]] = subs.replace(code[roles["forward"]], NOTEBOOK_TEMPLATE,
                                              "__golden_template__.format(word=w[1])", 1, "template",
                                              "the sentence template comes from --template")

    ns = {"__name__": "__main__",
          "__golden_words__": [[w["label"], w["word"]] for w in words],
          "__golden_template__": args.template}

    captured = {}
    dtypes = {}
    timings = []
    n_tokens = None

    def run(i, source, label):
        nonlocal recorder
        recorder.log = []
        cwd = os.getcwd()
        os.chdir(figdir)
        t0 = time.perf_counter()
        try:
            exec(compile(source, f"<notebook cell {i} ({label})>", "exec"), ns)
        finally:
            dt = time.perf_counter() - t0
            os.chdir(cwd)
        timings.append({"cell": i, "role": label, "seconds": dt})
        log = recorder.log
        recorder.log = None
        return log

    if args.activations:
        acts, _ = read_safetensors(os.path.abspath(args.activations))
        layers = sorted({int(m.group(1)) for k in acts for m in [re.match(r"^attn_(\d+)_[qkv]$", k)] if m})
        if not layers or layers != list(range(len(layers))):
            raise SystemExit(f"{args.activations}: keys must be attn_{{L}}_{{q|k|v}} for L = 0..n-1")
        for L in layers:
            for c in "qkv":
                a = acts.get(f"attn_{L}_{c}")
                if a is None or a.ndim != 3 or a.dtype != np.float32 or a.shape[0] != len(words):
                    raise SystemExit(f"{args.activations}: attn_{L}_{c} must be float32 [{len(words)}, tokens, n_embd]")
        if len(layers) < 7:
            raise SystemExit("the notebook looks at layers 5 and 6: need at least 7 layers")
        env_subs.append("--activations: the model cells (load, hooks, forward) are skipped; `activations` is the "
                        "given dict and `n_layers` its number of layers")

    for i, source in enumerate(code):
        role = role_of.get(i, f"cell{i}")
        if args.activations and role in MODEL_ROLES:
            if role == "load":
                ns["activations"] = {k: np.array(v) for k, v in acts.items()}
                ns["n_layers"] = len(layers)
            continue
        if role == "part7a":
            np.random.seed(args.seed)
        if role == "forward":
            tok = ns["tokenizer"]
            lens = {len(tok.encode(args.template.format(word=w["word"]))) for w in words}
            if len(lens) != 1:
                raise SystemExit(f"the sentences tokenize to different lengths {sorted(lens)}: the notebook's "
                                 "batch needs one length; choose other words or another template")
            n_tokens = lens.pop()
            if n_tokens != 5:
                ns["__golden_n_tokens__"] = n_tokens
                source = subs.replace(source, NOTEBOOK_N_TOKENS, NOTEBOOK_N_TOKENS.replace(",5)", ",__golden_n_tokens__)"),
                                      1, "n_tokens", "the template gives sentences of another length than 5 tokens")
        log = run(i, source, role)
        if role == "imports":
            ns["np"] = np_proxy
            ns["ttest_ind"] = recorder.wrap("ttest_ind", ns["ttest_ind"])
        elif role == "part1":
            captured["part1"] = {k: np.array(ns[k]) for k in ("labels", "same_cat", "upper_tr", "within_mask", "across_mask")}
            dtypes["labels"] = str(ns["labels"].dtype)
        elif role == "forward":
            # the hooks stored views of c_attn's output; Part 3 on normalises views of them in place
            captured["activations"] = {k: np.array(v, copy=True) for k, v in ns["activations"].items()}
            captured["token_ids"] = ns["batch"].tolist()
        elif role == "part2a":
            cc = [c[2] for c in log if c[0] == "corrcoef"]
            assert len(cc) == 3, len(cc)
            captured["part2"] = {"layer": int(ns["layeri"]), "r": [c[0, 1] for c in cc]}
            dtypes["part2.acts_q"] = str(ns["actsQ"].dtype)
            dtypes["np.corrcoef(float32)"] = str(cc[0].dtype)
        elif role == "part2b":
            captured["part2"]["corrs"] = np.array(ns["corrs"])
            dtypes["corrs"] = str(ns["corrs"].dtype)
        elif role == "part3a":
            captured["part3"] = {"layer": int(ns["layeri"]),
                                 "cos_q": np.array(ns["cs_actsQ"]), "cos_k": np.array(ns["cs_actsK"]),
                                 "cos_v": np.array(ns["cs_actsV"])}
            dtypes["cs_acts"] = str(ns["cs_actsQ"].dtype)
            dtypes["norm"] = str(ns["actsQ"].dtype)
        elif role == "part3b":
            cc = [c[2] for c in log if c[0] == "corrcoef"]
            assert len(cc) == 3, len(cc)
            captured["part3"]["rsa_r"] = [c[0, 1] for c in cc]
            dtypes["part3b.qcs"] = str(ns["qcs"].dtype)
        elif role == "part4":
            captured["part4"] = {"rsa": np.array(ns["rsa"])}
            dtypes["rsa"] = str(ns["rsa"].dtype)
        elif role == "part5":
            ts = [c for c in log if c[0] == "ttest_ind"]
            hs = [c for c in log if c[0] == "histogram"]
            assert len(ts) == 3 and len(hs) == 6, (len(ts), len(hs))
            hist = {}
            for j, comp in enumerate("qkv"):
                hist[comp] = {}
                for kk, side in enumerate(("within", "across")):
                    dens, edges = hs[2 * j + kk][2]
                    hist[comp][side] = {"edges": edges, "density": dens}
            captured["part5"] = {"layer": int(ns["layeri"]), "t": [c[2].statistic for c in ts], "hist": hist}
            dtypes["histogram.input"] = hs[0][1][0]
            dtypes["histogram.edges"] = str(hs[0][2][1].dtype)
            dtypes["histogram.density"] = str(hs[0][2][0].dtype)
            dtypes["ttest_ind.input"] = ts[0][1][0]
            dtypes["ttest_ind.statistic"] = scalar_type(ts[0][2].statistic)
        elif role == "part6a":
            captured["part6"] = {"selectTs": np.array(ns["selectTs"])}
            dtypes["selectTs"] = str(ns["selectTs"].dtype)
            dtypes["part6.w"] = str(ns["w"].dtype)
            dtypes["part6.w.mean()"] = scalar_type(ns["w"].mean())
        elif role == "part7a":
            hs = [c for c in log if c[0] == "histogram"]
            assert len(hs) == 2, len(hs)
            r = ns["r"]
            captured["part7"] = {"seed": args.seed, "a": {
                "n": int(r.size), "r_first": r[:20],
                "r_hist": {"edges": hs[0][2][1], "counts": hs[0][2][0]},
                "fz_hist": {"edges": hs[1][2][1], "counts": hs[1][2][0]}}}
            dtypes["part7a.r"] = str(r.dtype)
            dtypes["part7a.hist.edges"] = str(hs[0][2][1].dtype)

    # ---- Part 7b: the Part 6 cell with np.arctanh, then the 6b cell with its Part 7 lines
    p6 = fisher_z_part6(code[roles["part6a"]], subs)
    run(roles["part6a"], p6, "part7b_part6")
    captured.setdefault("part7", {})["b"] = {"selectTs": np.array(ns["selectTs"])}
    run(roles["part6b"], part7_plot_cell(code[roles["part6b"]], subs), "part7b_plot")

    # ---- write
    sentences = [args.template.format(word=w["word"]) for w in words]
    write_json(os.path.join(out, "tokens.json"), {
        "template": args.template, "words": words, "sentences": sentences,
        "token_ids": captured.get("token_ids")})
    if "activations" in captured:
        write_safetensors(os.path.join(out, "activations.safetensors"), captured["activations"], {"format": "np"})
        a0 = captured["activations"]["attn_0_q"]
        dtypes["activations"] = str(a0.dtype)
    p1 = captured["part1"]
    write_json(os.path.join(out, "part1.json"), {
        "labels": p1["labels"].ravel(), "labels_shape": list(p1["labels"].shape),
        "same_cat": p1["same_cat"], "upper_tr": p1["upper_tr"],
        "within_mask": p1["within_mask"], "across_mask": p1["across_mask"]})
    write_json(os.path.join(out, "part2.json"), {"position": 1, **captured["part2"]})
    write_json(os.path.join(out, "part3.json"), {"position": -1, **captured["part3"]})
    write_json(os.path.join(out, "part4.json"), {"position": -1, **captured["part4"]})
    write_json(os.path.join(out, "part5.json"), captured["part5"])
    write_json(os.path.join(out, "part6.json"), captured["part6"])
    write_json(os.path.join(out, "part7.json"), captured["part7"])
    write_json(os.path.join(out, "timings.json"), {
        "note": "wall seconds per executed notebook cell (figure drawing and saving included)",
        "cells": timings})

    missing = [f for f in FIGURES if not os.path.exists(os.path.join(figdir, f))]
    if missing:
        raise SystemExit(f"figures missing after the run: {missing}")

    manifest = {
        "command": " ".join(shlex.quote(a) for a in [sys.executable] + sys.argv),
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
                     "torch": torch.__version__, "matplotlib": matplotlib.__version__,
                     "transformers": transformers_version or "not installed (golden/gpt2_standin.py used)"},
        "notebook": {"path": args.notebook, "sha256": sha256_file(notebook), "code_cells": len(cells),
                     "cell_roles": roles},
        "words": {"path": args.words, "sha256": sha256_file(words_path), "count": len(words),
                  "categories": {w["category"]: w["label"] for w in words}},
        "template": args.template,
        "n_tokens": n_tokens,
        "seed": args.seed,
        "code_substitutions": subs.applied,
        "environment_substitutions": env_subs,
        "dtypes": dtypes,
        "figures": ["figures/" + f for f in FIGURES],
    }
    if args.checkpoint:
        manifest["checkpoint"] = {"path": args.checkpoint,
                                  "model.safetensors_sha256": sha256_file(os.path.join(ckpt, "model.safetensors")),
                                  "config.json_sha256": sha256_file(os.path.join(ckpt, "config.json"))}
    else:
        manifest["activations"] = {"path": args.activations, "sha256": sha256_file(os.path.abspath(args.activations))}
    write_json(os.path.join(out, "manifest.json"), manifest)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
