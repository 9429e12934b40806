#!/usr/bin/python3
"""Markdown tables from bench/analysis-scale.sh's results.jsonl (printed to stdout; medians over runs)."""
import json
import statistics
import sys
from collections import defaultdict

# What the notebook's cells do at large n: drawing-dominated, mixed, or computing.
WHAT = {
    "imports": "imports (numpy, scipy, matplotlib, torch)",
    "part1": "masks + 4 imshow of n x n",
    "part2a": "3 corrcoef on n*d values + **3 scatters of n*d points** (drawing)",
    "part2b": "48 x 3 corrcoef on n*d values + line plot (compute)",
    "part3a": "3 cosine matrices + 3 imshow n x n (mixed)",
    "part3b": "triu + 3 corrcoef + **3 scatters of n(n-1)/2 points** (drawing)",
    "part4": "144 cosine matrices + RSA + line plot (compute)",
    "part5": "3 cosine matrices, 3 t-tests, 6 FD histograms + plots (compute)",
    "part6a": "144 cosine matrices, masks, 144 t-tests + plots (compute)",
    "part6b": "scatter of 144 points (drawing)",
    "part7a": "10,000 draws + plots (n-independent)",
    "part7b_part6": "Part 6 again with arctanh (compute)",
    "part7b_plot": "Part 6b again (drawing)",
}
COMPUTE = ("part2b", "part4", "part5", "part6a", "part7b_part6")
MODES = ("figures", "no-figures", "figures+cka")  # the script's default runs the first two


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    by = defaultdict(list)
    for r in rows:
        by[(r["kind"], r.get("n"))].append(r)
    sizes = sorted({r["n"] for r in rows if r.get("n") is not None and r["kind"] == "notebook"})
    gib = lambda rs: max(r["max_rss_kib"] for r in rs) / 2**20 if rs else float("nan")
    for m in by[("machine", None)]:
        print("machine:", json.dumps(m))
        print()

    print("End to end (process wall, median of runs; notebook = sum of its cells, its process also loads the file "
          "twice and writes JSON):")
    print()
    print("| n | notebook cells (s) | notebook process wall (s) | notebook CPU (s) | notebook peak RSS (GiB) | "
          + " | ".join(f"laminar {m} wall (s) / CPU (s) / RSS (GiB)" for m in MODES)
          + " | notebook cells / laminar figures | notebook CPU / laminar figures CPU |")
    print("|---|---|---|---|---|" + "---|" * len(MODES) + "---|---|")
    for n in sizes:
        nb = by[("notebook", n)]
        cells = med([sum(r["per_cell_s"].values()) for r in nb])
        cols = []
        walls = {}
        cpus = {}
        for m in MODES:
            rs = by[("laminar-" + m, n)]
            walls[m] = med([r["process_wall_s"] for r in rs])
            cpus[m] = med([r["cpu_s"] for r in rs])
            cols.append(f"{walls[m]:.1f} / {med([r['cpu_s'] for r in rs]):.1f} / {gib(rs):.2f}" if rs else "-")
        print(f"| {n} | {cells:.1f} | {med([r['process_wall_s'] for r in nb]):.1f} | "
              f"{med([r['cpu_s'] for r in nb]):.1f} | {gib(nb):.2f} | " + " | ".join(cols)
              + f" | **{cells / walls['figures']:.2f}x** | {med([r['cpu_s'] for r in nb]) / cpus['figures']:.2f}x |")
    print()

    print("Compute only: the notebook's compute cells (" + ", ".join(COMPUTE) + ") against laminar's "
          "'analyses' stage (all of Parts 1-7, no drawing) and against the whole `--no-figures` process:")
    print()
    print("| n | notebook compute cells (s) | laminar analyses (s) | laminar --no-figures process (s) | "
          "ratio cells / process |")
    print("|---|---|---|---|---|")
    for n in sizes:
        comp = med([sum(r["per_cell_s"].get(c, 0) for c in COMPUTE) for r in by[("notebook", n)]])
        a = by[("laminar-no-figures", n)]
        aa = med([r["stages_s"].get("analyses", 0) for r in a])
        ap = med([r["process_wall_s"] for r in a])
        print(f"| {n} | {comp:.1f} | {aa:.1f} | {ap:.1f} | {comp / ap:.2f}x |")
    print()

    roles = []
    for n in sizes:
        for r in by[("notebook", n)]:
            roles += [k for k in r["per_cell_s"] if k not in roles]
    print("Notebook cells (s):")
    print()
    print("| cell | " + " | ".join(f"n = {n}" for n in sizes) + " | what it does |")
    print("|---|" + "---|" * len(sizes) + "---|")
    for role in roles:
        if role in ("mpl_setup", "keys"):
            continue
        vals = [med([r["per_cell_s"].get(role, 0) for r in by[("notebook", n)]]) for n in sizes]
        print(f"| {role} | " + " | ".join(f"{v:.2f}" for v in vals) + f" | {WHAT.get(role, '')} |")
    print()

    print("laminar stages (s; 'process' = the whole command, JVM start and exit included):")
    print()
    print("| n | mode | load_activations | analyses | figures | write_results | report | process |")
    print("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        for m in MODES:
            rs = by[("laminar-" + m, n)]
            if not rs:
                continue
            st = lambda k: med([r["stages_s"].get(k, 0) for r in rs])
            print(f"| {n} | {m} | {st('load_activations'):.2f} | {st('analyses'):.2f} | {st('figures'):.2f} | "
                  f"{st('write_results'):.2f} | {st('report'):.2f} | {med([r['process_wall_s'] for r in rs]):.2f} |")
    print()

    print("laminar stages, CPU seconds (process CPU time of all threads, printed by laminar; on a shared machine "
          "steadier than wall time):")
    print()
    print("| n | mode | load_activations | analyses | figures | write_results | report | process CPU |")
    print("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        for m in MODES:
            rs = [r for r in by[("laminar-" + m, n)] if r.get("cpu_stages_s")]
            if not rs:
                continue
            st = lambda k: med([r["cpu_stages_s"].get(k, 0) for r in rs])
            print(f"| {n} | {m} | {st('load_activations'):.2f} | {st('analyses'):.2f} | {st('figures'):.2f} | "
                  f"{st('write_results'):.2f} | {st('report'):.2f} | {med([r['cpu_s'] for r in rs]):.2f} |")
    print()

    print("numpy float32 cosine matrix (`a /= norm; a @ a.T`), d = 1600, OPENBLAS_CORETYPE/L2_SIZE unset:")
    print()
    print("| n | best (ms) | median (ms) | OpenBLAS kernel | threads |")
    print("|---|---|---|---|---|")
    for n in sizes:
        for r in by[("numpy_cosine", n)]:
            b = r["blas"][0] if isinstance(r["blas"], list) and r["blas"] else {}
            print(f"| {n} | {r['best_s'] * 1e3:.2f} | {r['median_s'] * 1e3:.2f} | {b.get('architecture')} "
                  f"(OpenBLAS {b.get('version')}) | {b.get('num_threads')} |")


if __name__ == "__main__":
    main()
