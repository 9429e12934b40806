#!/usr/bin/python3
"""numpy's float32 cosine matrix, as the notebook computes it (`a /= norm; a @ a.T`), timed per matrix.

Prints one JSON line per n: best and median seconds per matrix over --repeats runs (after one warm-up), the
median CPU seconds of the process (both threads; on a loaded machine the fairer measure), the
OpenBLAS kernel and thread count reported by threadpoolctl (when installed), and numpy's version.
Usage: /usr/bin/python3 bench/numpy_cosine.py --n 34 500 2000 --d 1600 --repeats 7
(bench/analysis-scale.sh runs it with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset, i.e. OpenBLAS's own choice.)
"""
import argparse
import json
import os
import statistics
import time

import numpy as np


def blas_info():
    try:
        import threadpoolctl
    except ImportError:
        return "threadpoolctl not installed"
    return [{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads", "threading_layer")}
            for i in threadpoolctl.threadpool_info()]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, nargs="+", default=[34, 500, 2000])
    ap.add_argument("--d", type=int, default=1600)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--dtype", default="float32", choices=["float32", "float64"],
                    help="float32 = the notebook; float64 = laminar's accumulation precision, for reference")
    a = ap.parse_args()
    rng = np.random.default_rng(38)
    info = blas_info()
    for n in a.n:
        src = (rng.standard_normal((n, a.d), dtype=np.float32) + 0.5).astype(a.dtype)
        times = []
        cpu = []
        for rep in range(a.repeats + 1):
            acts = src.copy()
            c0 = time.process_time()
            t0 = time.perf_counter()
            acts /= np.linalg.norm(acts, axis=1, keepdims=True)
            cs = acts @ acts.T
            dt = time.perf_counter() - t0
            dc = time.process_time() - c0
            if rep > 0:
                times.append(dt)
                cpu.append(dc)
        assert cs.dtype == np.dtype(a.dtype) and cs.shape == (n, n)
        print(json.dumps({"n": n, "d": a.d, "dtype": a.dtype, "best_s": min(times), "median_s": statistics.median(times),
                          "cpu_median_s": statistics.median(cpu),
                          "repeats": a.repeats, "numpy": np.__version__, "blas": info,
                          "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
                          "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE")}))


if __name__ == "__main__":
    main()
