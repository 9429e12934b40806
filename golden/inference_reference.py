#!/usr/bin/python3
"""Independent reference for laminar's inference (issue 11): permutation tests, max-statistic FWER, BH q-values,
Mantel tests and word bootstrap, computed directly with numpy/scipy on small synthetic cosine matrices.

It writes golden/values/inference/reference.json with its inputs (float32 cosine matrices, categories), its own
draws (permutations and bootstrap resamples, from numpy's default_rng) and its results; the spec
(specs/.../InferenceSpec.java) feeds the same matrices and draws to laminar and checks that counts and p-values are
equal and intervals equal up to rounding. It also writes an exact enumeration (8 words in 2 categories: all 70
relabellings) and the exact p-values, the limit of the Monte Carlo path.

Definitions (laminar's, documented in README): statistics over the strict upper triangle of each matrix;
relabelling q gives word i the category of word perm[q][i]; the Mantel test permutes the words of the second
matrix (rows and columns); a permuted value counts when it is >= observed - 1e-9*|observed| (ties); two-sided
compares magnitudes; p = (1 + count) / (1 + P); p_fwer compares the observed value with each permutation's maximum
over layers x 3; q: Benjamini-Hochberg over layers x 3. Bootstrap resample q draws, for each position, a word of
that position's category with replacement; pairs of a word with its own copy are left out; intervals are
np.percentile(values, [2.5, 97.5]) and the standard error np.std(values, ddof=1).

A matrix with one value in every pair has no variance: its t, Fisher-z t and RSA are NaN (scipy's and numpy's
0/0), its difference exactly 0. NaN cells get p NaN, stay out of each permutation's family maximum and out of BH,
and intervals and standard errors are over the defined values (degenerate-reference.json: 3 layers, the middle one
constant; laminar's ConstantMatrices).

Per head (issue 12, heads.json): the same tests on every (layer, query head) of two checkpoints' golden activations
(values/notebook-34: the bundled GPT-2, 12 layers x 4 heads; values/arch/llama: grouped-query attention, 8 layers x
4 query heads in 2 K/V groups). A head's Q is its head_dim columns of the last token's Q, its K and V those of its
K/V head h // (heads / kv_heads); its cosine matrices are float32 as above. The family is layers x heads x 3: every
cell sees the same permutations, p_fwer compares with each permutation's maximum over all cells, BH runs over all
cells. The spec (HeadsInferenceSpec) runs laminar's --per-head inference on the same activations with these draws.

Usage: /usr/bin/python3 golden/inference_reference.py [--out golden/values/inference]
"""
import argparse
import itertools
import json
import os
import warnings

import numpy as np
from scipy import stats

from measures_reference import read_safetensors  # golden/ is the script's directory, hence on sys.path

TIE = 1e-9
MAX_ABS_R = 1 - 1e-7


def cosine(x):
    nx = x / np.linalg.norm(x, axis=1, keepdims=True)
    return (nx @ nx.T).astype(np.float32)


def fisher(c):
    return np.arctanh(np.clip(c, -MAX_ABS_R, MAX_ABS_R)).astype(np.float32)


def selectivity(vals, same):
    w = vals[same].astype(np.float64)
    a = vals[~same].astype(np.float64)
    t = stats.ttest_ind(w, a).statistic
    return w.mean() - a.mean(), float(t), (w.mean() + a.mean()) / 2


def statistics(mats, labels, iu, rsa_second=None):
    """[3][5] per matrix k: diff, t, fisher t, rsa (pair k), average. rsa_second: permuted matrices for Mantel."""
    same = labels[iu[0]] == labels[iu[1]]
    out = []
    pairs = ((0, 1), (0, 2), (1, 2))
    for k in range(3):
        d, t, avg = selectivity(mats[k][iu], same)
        _, tz, _ = selectivity(fisher(mats[k])[iu], same)
        a, b = pairs[k]
        second = mats[b] if rsa_second is None else rsa_second[b]
        r = np.corrcoef(mats[a][iu].astype(np.float64), second[iu].astype(np.float64))[0, 1]
        out.append([d, t, tz, float(r), avg])
    return out


def bootstrap_statistics(mats, categories, idx):
    n = len(idx)
    ia, ib = np.triu_indices(n, 1)
    keep = idx[ia] != idx[ib]
    ia, ib = ia[keep], ib[keep]
    same = categories[ia] == categories[ib]
    pairs = ((0, 1), (0, 2), (1, 2))
    out = []
    for k in range(3):
        m = mats[k][np.ix_(idx, idx)]
        d, t, avg = selectivity(m[ia, ib], same)
        _, tz, _ = selectivity(fisher(mats[k])[np.ix_(idx, idx)][ia, ib], same)
        a, b = pairs[k]
        r = np.corrcoef(mats[a][np.ix_(idx, idx)][ia, ib].astype(np.float64),
                        mats[b][np.ix_(idx, idx)][ia, ib].astype(np.float64))[0, 1]
        out.append([d, t, tz, float(r), avg])
    return out


def at_least(perm, obs):
    return perm >= obs - TIE * abs(obs)


def bh(p):
    flat = p.ravel()
    defined = np.flatnonzero(~np.isnan(flat))
    order = defined[np.argsort(flat[defined], kind="stable")]
    m = len(defined)
    q = np.full(len(flat), np.nan)
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, flat[i] * m / rank)
        q[i] = running
    return q.reshape(p.shape)


STATS = ["selectivity_diff", "selectivity_t", "selectivity_fisher_z_t", "rsa", "selectivity_average"]


def family_results(observed, null, boot):
    """Per statistic over a family of rows x 3: observed [R][3][5], null [P][R][3][5], boot [B][R][3][5]."""
    rows = observed.shape[0]
    n_perm = null.shape[0]
    results = {}
    for s, name in enumerate(STATS):
        block = {"observed": observed[:, :, s].tolist()}
        if name != "selectivity_average":
            for alt in ("greater", "two-sided"):
                orient = (lambda v: v) if alt == "greater" else np.abs
                obs = orient(observed[:, :, s])
                nul = orient(null[:, :, :, s])
                count = np.zeros((rows, 3), np.int64)
                for q in range(n_perm):
                    count += at_least(nul[q], obs)
                p = np.where(np.isnan(obs), np.nan, (1 + count) / (1 + n_perm))
                flat = nul.reshape(n_perm, -1)
                mx = np.array([row[~np.isnan(row)].max(initial=-np.inf) for row in flat])
                fwer = np.array([[np.nan if np.isnan(obs[l, k]) else
                                  (1 + np.sum(at_least(mx, obs[l, k]))) / (1 + n_perm) for k in range(3)]
                                 for l in range(rows)])
                block[alt] = {"count": count.tolist(), "p": p.tolist(), "p_fwer": fwer.tolist(),
                              "q_fdr": bh(p).tolist()}
        vals = boot[:, :, :, s]
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN cells: NaN, as laminar's
            block["ci95"] = np.transpose(np.nanpercentile(vals, [2.5, 97.5], axis=0), (1, 2, 0)).tolist()
            block["se"] = np.nanstd(vals, axis=0, ddof=1).tolist()
        results[name] = block
    return results


def head_cells(values, heads):
    """[L*H][3][n][n] float32 cosine matrices of every (layer, query head), layer-major, and the category codes."""
    acts = read_safetensors(os.path.join(values, "activations.safetensors"))
    with open(os.path.join(values, "tokens.json")) as f:
        cats = [w["category"] for w in json.load(f)["words"]]
    labels = np.array([sorted(set(cats), key=cats.index).index(c) for c in cats])
    layers = len([k for k in acts if k.endswith("_q")])
    hd = acts["attn_0_q"].shape[2] // heads
    kv_heads = acts["attn_0_k"].shape[2] // hd
    g = heads // kv_heads
    cells = []
    for layer in range(layers):
        for h in range(heads):
            q = acts[f"attn_{layer}_q"][:, -1, h * hd:(h + 1) * hd]
            kv = slice((h // g) * hd, (h // g + 1) * hd)
            k = acts[f"attn_{layer}_k"][:, -1, kv]
            v = acts[f"attn_{layer}_v"][:, -1, kv]
            cells.append([cosine(x) for x in (q, k, v)])
    return labels, np.array(cells), layers, kv_heads


def heads_reference(golden, permutations, bootstrap):
    """The per-head family of each model, with its own draws (a generator of its own: the layers' stay as they were)."""
    models = {}
    for name, rel in (("gpt2", "values/notebook-34"), ("llama", "values/arch/llama")):
        heads = 4
        cats, cells, layers, kv_heads = head_cells(os.path.join(golden, rel), heads)
        n = len(cats)
        rng = np.random.default_rng(12)
        iu = np.triu_indices(n, 1)
        perms = np.array([rng.permutation(n) for _ in range(permutations)])
        members = [np.flatnonzero(cats == c) for c in range(cats.max() + 1)]
        resamples = np.array([[rng.choice(members[cats[i]]) for i in range(n)] for _ in range(bootstrap)])
        observed = np.array([statistics(c, cats, iu) for c in cells])
        null = np.array([[statistics(c, cats[p], iu, rsa_second=[m[np.ix_(p, p)] for m in c]) for c in cells]
                         for p in perms])
        boot = np.array([[bootstrap_statistics(c, cats, idx) for c in cells] for idx in resamples])
        models[name] = {"values": rel, "layers": layers, "heads": heads, "kv_heads": kv_heads,
                        "categories": cats.tolist(), "permutations": perms.tolist(),
                        "resamples": resamples.tolist(), "results": family_results(observed, null, boot)}
        print(name, layers, "layers x", heads, "heads,", kv_heads, "K/V heads")
    return models


def synthetic(rng, n_per, layers, d):
    cats = np.repeat(np.arange(len(n_per)), n_per)
    n = len(cats)
    centres = rng.standard_normal((len(n_per), d))
    word = rng.standard_normal((n, d))
    cos = np.zeros((layers, 3, n, n), np.float32)
    for l in range(layers):
        strength = [1.5, 0.0, 0.6, 0.2][l % 4]
        for k in range(3):
            x = 2.0 + strength * centres[cats] + 0.8 * word + rng.standard_normal((n, d))
            cos[l, k] = cosine(x)
    return cats, cos


def degenerate_reference(permutations, bootstrap):
    """3 layers of 12 words; the middle layer's Q, K and V have one value (0.3) in every pair."""
    rng = np.random.default_rng(7)
    cats, cos = synthetic(rng, (4, 4, 4), 3, 10)
    n = len(cats)
    cos[1] = np.where(np.eye(n, dtype=bool), np.float32(1), np.float32(0.3))
    iu = np.triu_indices(n, 1)
    perms = np.array([rng.permutation(n) for _ in range(permutations)])
    members = [np.flatnonzero(cats == c) for c in range(cats.max() + 1)]
    resamples = np.array([[rng.choice(members[cats[i]]) for i in range(n)] for _ in range(bootstrap)])
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the constant layer's 0/0
        observed = np.array([statistics(cos[l], cats, iu) for l in range(3)])
        null = np.array([[statistics(cos[l], cats[p], iu, rsa_second=[m[np.ix_(p, p)] for m in cos[l]])
                          for l in range(3)] for p in perms])
        boot = np.array([[bootstrap_statistics(cos[l], cats, idx) for l in range(3)] for idx in resamples])
    return {"about": "laminar inference reference, a constant layer (golden/inference_reference.py); numpy "
                     + np.__version__ + ", scipy " + __import__("scipy").__version__,
            "categories": cats.tolist(), "cosine": cos.tolist(), "permutations": perms.tolist(),
            "resamples": resamples.tolist(), "results": family_results(observed, null, boot)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "values", "inference"))
    ap.add_argument("--permutations", type=int, default=300)
    ap.add_argument("--bootstrap", type=int, default=200)
    ap.add_argument("--head-permutations", type=int, default=200)
    ap.add_argument("--head-bootstrap", type=int, default=100)
    ap.add_argument("--only", choices=("degenerate",), help="write only this reference file")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "degenerate-reference.json"), "w") as f:
        json.dump(degenerate_reference(99, 60), f)
    print("wrote", os.path.join(a.out, "degenerate-reference.json"))
    if a.only:
        return
    rng = np.random.default_rng(20261130)
    cats, cos = synthetic(rng, (5, 4, 3), 4, 16)
    layers, n = cos.shape[0], cos.shape[2]
    iu = np.triu_indices(n, 1)
    perms = np.array([rng.permutation(n) for _ in range(a.permutations)])
    members = [np.flatnonzero(cats == c) for c in range(cats.max() + 1)]
    resamples = np.array([[rng.choice(members[cats[i]]) for i in range(n)] for _ in range(a.bootstrap)])

    observed = np.array([statistics(cos[l], cats, iu) for l in range(layers)])  # [L][3][5]
    null = np.array([[statistics(cos[l], cats[p], iu, rsa_second=[m[np.ix_(p, p)] for m in cos[l]])
                      for l in range(layers)] for p in perms])  # [P][L][3][5]
    boot = np.array([[bootstrap_statistics(cos[l], cats, idx) for l in range(layers)] for idx in resamples])

    results = family_results(observed, null, boot)

    # Exact enumeration: 8 words, 2 categories of 4, one layer; every relabelling once (each partition twice,
    # with the labels swapped: a built-in tie).
    cats8, cos8 = synthetic(np.random.default_rng(8), (4, 4), 4, 12)
    cos8 = cos8[3:]  # the layer with weak structure: exact p-values away from the extremes
    iu8 = np.triu_indices(8, 1)
    relabel = []
    for chosen in itertools.combinations(range(8), 4):
        labels = np.ones(8, np.int64)
        labels[list(chosen)] = 0
        # a permutation realising the labelling: word i takes the category of word perm[i]
        zero, one = iter(np.flatnonzero(cats8 == 0)), iter(np.flatnonzero(cats8 == 1))
        relabel.append([int(next(zero)) if lab == 0 else int(next(one)) for lab in labels])
    relabel = np.array(relabel)
    obs8 = np.array(statistics(cos8[0], cats8, iu8))
    null8 = np.array([statistics(cos8[0], cats8[p], iu8, rsa_second=[m[np.ix_(p, p)] for m in cos8[0]])
                      for p in relabel])
    exact = {name: {"count": [int(np.sum(at_least(null8[:, k, s], obs8[k, s]))) for k in range(3)]}
             for s, name in enumerate(STATS[:3])}

    os.makedirs(a.out, exist_ok=True)
    doc = {
        "about": "laminar inference reference (golden/inference_reference.py); numpy "
                 + np.__version__ + ", scipy " + __import__("scipy").__version__,
        "tie": TIE,
        "categories": cats.tolist(),
        "cosine": cos.tolist(),
        "permutations": perms.tolist(),
        "resamples": resamples.tolist(),
        "results": results,
        "exact": {"categories": cats8.tolist(), "cosine": cos8.tolist(), "relabellings": relabel.tolist(),
                  "results": exact},
    }
    with open(os.path.join(a.out, "reference.json"), "w") as f:
        json.dump(doc, f)
    print("wrote", os.path.join(a.out, "reference.json"))
    heads = {"about": "laminar per-head inference reference (golden/inference_reference.py); rows are (layer, head),"
                      " layer-major; numpy " + np.__version__ + ", scipy " + __import__("scipy").__version__,
             "tie": TIE,
             "models": heads_reference(os.path.dirname(os.path.abspath(__file__)), a.head_permutations,
                                       a.head_bootstrap)}
    with open(os.path.join(a.out, "heads-reference.json"), "w") as f:
        json.dump(heads, f)
    print("wrote", os.path.join(a.out, "heads-reference.json"))


if __name__ == "__main__":
    main()
