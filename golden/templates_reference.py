#!/usr/bin/python3
"""Independent numpy/scipy reference for laminar's several templates and noise ceiling (issue 13, "Contexts").

Input: the bundled tiny-gpt2 checkpoint's Q/K/V for the notebook's 34 words in three templates
(values/templates/template_{1,2,3}.safetensors, written by `laminar run --model golden/models/tiny-gpt2
--templates values/templates/templates.txt`; the extraction itself is checked elsewhere). For the first two and for
all three templates, under two measure configurations: per layer and Q/K/V the word x word matrices of each template
(last token, float64), their element-wise mean, and on the mean: RSA Q-K, Q-V, K-V, the category-model fit and
Part 6's within - across difference; and the noise ceiling [lower, upper]:
  - 2 templates: r = comparison of the two matrices' upper triangles; lower = r, upper = 2r / (1 + r)
    (split half with the Spearman-Brown correction);
  - 3+ templates: lower = mean over templates of the comparison with the mean of the others (leave one out),
    upper = mean over templates of the comparison with the mean of all (Nili et al. 2014, rsatoolbox).
Writes values/templates/reference.json (read by TemplatesSpec).

    /usr/bin/python3 golden/templates_reference.py
"""
import json
import os

import numpy as np

from measures_reference import compare, read_safetensors, similarity, standardize

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = [("cosine", "none", "pearson"), ("correlation", "zscore", "spearman")]
PAIRS = [("q", "k"), ("q", "v"), ("k", "v")]


def noise_ceiling(tris, how):
    t = len(tris)
    if t == 2:
        r = compare(tris[0], tris[1], how)
        return [r, 2 * r / (1 + r)]
    total = np.sum(tris, axis=0)
    upper = np.mean([compare(x, total / t, how) for x in tris])
    lower = np.mean([compare(x, (total - x) / (t - 1), how) for x in tris])
    return [float(lower), float(upper)]


def main():
    values = os.path.join(HERE, "values", "templates")
    acts = [read_safetensors(os.path.join(values, f"template_{i}.safetensors")) for i in (1, 2, 3)]
    with open(os.path.join(HERE, "words", "notebook-34.tsv"), encoding="utf-8") as f:
        cats = [line.split("\t")[0] for line in f if line.strip() and not line.startswith("#")]
    layers = len({k.split("_")[1] for k in acts[0]})
    n = len(cats)
    iu = np.triu_indices(n, 1)
    model = np.array([1.0 if cats[i] == cats[j] else 0.0 for i, j in zip(*iu)])
    cases = []
    for count in (2, 3):
        for measure, std, how in CONFIGS:
            rsa, fit, diff, ceiling = [], [], [], []
            for l in range(layers):
                each = {q: [similarity(standardize(a[f"attn_{l}_{q}"][:, -1, :], std), measure)[iu]
                            for a in acts[:count]] for q in "qkv"}
                mean = {q: np.mean(each[q], axis=0) for q in "qkv"}
                rsa.append([compare(mean[a], mean[b], how) for a, b in PAIRS])
                fit.append([compare(mean[q], model, how) for q in "qkv"])
                diff.append([float(mean[q][model == 1].mean() - mean[q][model == 0].mean()) for q in "qkv"])
                ceiling.append([noise_ceiling(each[q], how) for q in "qkv"])
            cases.append({"templates": count, "measure": measure, "standardize": std, "compare": how,
                          "rsa": rsa, "category_fit": fit, "selectivity_difference": diff,
                          "noise_ceiling": ceiling})
    out = {"source": "golden/templates_reference.py on values/templates/template_{1,2,3}.safetensors (last token)",
           "numpy": np.__version__, "cases": cases}
    with open(os.path.join(values, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
