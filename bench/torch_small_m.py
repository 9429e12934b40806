# The extraction's matmuls alone (BENCHMARKS.md, Extraction, quiet re-run): M-row products at GPT-2 XL's per-layer
# shapes (c_attn, c_proj, mlp.c_fc, mlp.c_proj), weights resident in memory (not mapped), 2 threads, 48 layers.
#   /work/venv-tf/bin/python bench/torch_small_m.py
import time, torch
torch.set_num_threads(2)
shapes = [(1600, 4800), (1600, 1600), (1600, 6400), (6400, 1600)]
W = [torch.randn(k, n) for k, n in shapes]
for M in (38, 170):
    x = {k: torch.randn(M, k) for k in (1600, 6400)}
    best = 1e9
    for rep in range(4):
        t = time.perf_counter()
        for l in range(48):
            for w in W:
                x[w.shape[0]] @ w
        best = min(best, time.perf_counter() - t)
    flops = 2 * M * sum(k * n for k, n in shapes) * 48
    print(f"M={M}: 48 layers in {best:.2f} s = {flops / best / 1e9:.1f} GFLOP/s ({flops/1e9:.0f} GFLOP), torch {torch.__version__}")
