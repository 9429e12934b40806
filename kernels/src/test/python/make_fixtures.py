#!/usr/bin/python3
"""Writes the numpy/scipy fixtures that laminar's kernel tests compare against (CI has no Python).

Run from the repository root with Debian's Python (numpy 1.24.2, scipy 1.10.1 on bookworm):

    /usr/bin/python3 kernels/src/test/python/make_fixtures.py

Floats are written with repr(), which round-trips exactly (Double.parseDouble gives the same double; float32 values
are written as the float64 they widen to, so (float) Double.parseDouble(s) gives the same float32).
"""
import json
import math
import os
import sys

import numpy as np
import scipy
from scipy.stats import ttest_ind

RESOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'laminar', 'kernels')


def floats(a):
    return [repr(float(v)) for v in np.asarray(a).ravel()]


def meta():
    return {'numpy': np.__version__, 'scipy': scipy.__version__, 'python': sys.version.split()[0],
            'OPENBLAS_CORETYPE': os.environ.get('OPENBLAS_CORETYPE')}


def cosine_triangles(rng, n, d, labels):
    """Part 5 style: float32 rows, normalised in float32, sgemm, within/across upper-triangle values."""
    x = rng.standard_normal((n, d)).astype(np.float32) + np.float32(0.5)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    cs = x @ x.T
    lab = np.array([labels]).T
    same = lab == lab.T
    up = np.triu(np.ones_like(same, dtype=bool), 1)
    return cs[same & up].flatten(), cs[(~same) & up].flatten()


def histogram_cases():
    rng = np.random.default_rng(20240538)
    cases = []

    def add(name, x):
        x = np.asarray(x)
        dens, edges = np.histogram(x, bins='fd', density=True)
        counts, edges2 = np.histogram(x, bins='fd')
        assert np.array_equal(edges, edges2)
        assert edges.dtype == x.dtype, (name, edges.dtype, x.dtype)
        cases.append({'name': name, 'dtype': str(x.dtype), 'x': floats(x), 'edges': floats(edges),
                      'counts': [int(c) for c in counts], 'density': floats(dens)})

    for dtype in (np.float32, np.float64):
        tag = np.dtype(dtype).name
        for n in (1, 2, 3, 10, 45, 561, 1000):
            add(f'{tag} normal n={n}', rng.standard_normal(n).astype(dtype))
            add(f'{tag} uniform(-1,1) n={n}', rng.uniform(-1, 1, n).astype(dtype))
        for n in (7, 100, 999):
            add(f'{tag} lognormal n={n}', rng.lognormal(0, 2, n).astype(dtype))
            add(f'{tag} cosine-like n={n}', (0.6 + 0.05 * rng.standard_normal(n)).astype(dtype))
            add(f'{tag} integers with ties n={n}', rng.integers(-5, 6, n).astype(dtype))
            add(f'{tag} tiny scale n={n}', (1e-6 * rng.standard_normal(n) + 3.0).astype(dtype))
        add(f'{tag} constant 0.7 n=50', np.full(50, 0.7, dtype=dtype))
        add(f'{tag} constant 0 n=5', np.zeros(5, dtype=dtype))
        add(f'{tag} constant -123.25 n=1', np.full(1, -123.25, dtype=dtype))
        add(f'{tag} one distinct outlier n=40', np.concatenate([np.full(39, 0.25), [9.5]]).astype(dtype))
        add(f'{tag} one outlier among noise n=200',
            np.concatenate([rng.standard_normal(199), [60.0]]).astype(dtype))
        add(f'{tag} two values', np.array([0.1, 0.3], dtype=dtype))
        add(f'{tag} empty', np.array([], dtype=dtype))
    add('float32 constant 3e7 n=3 (edges collapse in float32)', np.full(3, 3e7, dtype=np.float32))
    for name, x in hard_cases():
        add(name, x)
    # Part 5: the notebook's float32 cosine values (34 words in categories of 10, 13, 11).
    labels = [1] * 10 + [2] * 13 + [3] * 11
    for seed in range(6):
        w, a = cosine_triangles(np.random.default_rng(seed), 34, 1600, labels)
        add(f'part5 within seed={seed}', w)
        add(f'part5 across seed={seed}', a)
    return cases


def fd_replica(x, diff64=False, range64=False, pow_value=None, nocorr=False, mul64=False):
    """numpy 1.24's fd histogram re-derived step by step (as laminar's FreedmanDiaconis does), with switches that
    each get one intermediate's dtype or step wrong. Returns (bins, counts)."""
    f32 = x.dtype == np.float32
    n = x.size
    r32 = lambda v: float(np.float32(v))
    rnd = r32 if f32 else float
    s = sorted(float(v) for v in x)
    first, last = s[0], s[-1]
    edges32 = f32
    if first == last:
        first, last, edges32 = first - 0.5, last + 0.5, False
    rng = r32(last - first) if edges32 and not range64 else last - first

    def pct(q):
        v = (n - 1) * q
        if v >= n - 1:
            return s[-1]
        p = math.floor(v)
        g = v - p
        a, b = s[p], s[p + 1]
        d = (b - a) if (diff64 or not f32) else r32(b - a)
        return b - d * (1 - g) if g >= 0.5 else a + d * g

    c = pow_value if pow_value is not None else n ** (-1.0 / 3.0)
    width = 2.0 * (pct(0.75) - pct(0.25)) * c
    nb = math.ceil(rng / width) if width else 1
    step = (last - first) / nb
    edges = [rnd(i * step + first) for i in range(nb)] + [rnd(last)]
    norm = nb / rng
    fc = rnd(first)
    counts = [0] * nb
    for v in s:
        f = (v - fc) * norm if (mul64 or not f32) else r32(r32(v - fc) * r32(norm))
        i = int(f)
        if i == nb:
            i -= 1
        if not nocorr:
            if v < edges[i]:
                i -= 1
            if i != nb - 1 and v >= edges[i + 1]:
                i += 1
        counts[i] += 1
    return nb, counts


def numpy_fd(x):
    counts, edges = np.histogram(x, bins='fd')
    return len(counts), [int(c) for c in counts]


def with_max_near(base, dtype, k_range, width_of, mutant):
    """Searches a maximum value v (a few ulps around first + k·width) for which numpy and the mutant disagree."""
    for k in k_range:
        target = float(base[0]) + k * width_of
        v = np.array(target, dtype=dtype)
        for _ in range(8):
            v = np.nextafter(v, dtype(-np.inf))
        for _ in range(16):
            x = np.concatenate([np.asarray(base, dtype=dtype), [v]]).astype(dtype)
            truth = numpy_fd(x)
            assert fd_replica(x) == truth, 'replica disagrees with numpy'
            if mutant(x) != truth:
                return x
            v = np.nextafter(v, dtype(np.inf))
    raise RuntimeError('no discriminating case found')


def hard_cases():
    """Inputs on which one wrong intermediate dtype or step changes numpy's answer: each is checked here to
    separate numpy from the named mistake, so the Java tests fail if that mistake is made."""
    out = []
    # Math.pow(1104, -1/3) is 1 ulp below glibc's pow, which CPython calls: 0.09675579273715332.
    base = [0.0] + [0.25] * 551 + [0.75] * 551
    x = with_max_near(base, np.float64, range(2, 400), 1104 ** (-1.0 / 3.0),
                      lambda x: fd_replica(x, pow_value=0.09675579273715332))
    out.append(('hard: glibc pow, not Math.pow (n=1104)', x))
    rng = np.random.default_rng(77)

    def mine(name, make_inner, ks, mutant):
        """Random float32 bodies from make_inner(); the maximum is then searched by with_max_near."""
        for attempt in range(2000):
            inner = [float(np.float32(v)) for v in make_inner()]
            probe = np.array(inner + [9.0], dtype=np.float32)
            w = 2.0 * (np.percentile(probe, 75) - np.percentile(probe, 25)) * probe.size ** (-1 / 3)
            try:
                out.append((name, with_max_near(inner, np.float32, ks, w, mutant)))
                return
            except RuntimeError:
                continue
        raise RuntimeError('no case separates ' + name)

    # Percentile neighbour difference b - a taken in float32 for float32 input: n = 10, so the quartiles
    # interpolate between s[2], s[3] and s[6], s[7]; neighbours more than a factor 2 apart make b - a inexact.
    mine('hard: float32 percentile difference',
         lambda: [0.0, 0.0005, rng.uniform(0.001, 0.002), rng.uniform(0.6, 0.8), 0.85, 0.9, rng.uniform(0.95, 1.0),
                  rng.uniform(3.0, 3.5), 4.0],
         range(5, 60), lambda x: fd_replica(x, diff64=True))
    # Range last - first taken in float32 for float32 input (first < 0 so that it rounds).
    mine('hard: float32 range', lambda: [-rng.uniform(0.001, 0.01)] + sorted(rng.uniform(0.2, 3.0, 9)),
         range(4, 40), lambda x: fd_replica(x, range64=True))
    # The one-bin correction against the edges, and the float32 index multiply.
    for dtype in (np.float32, np.float64):
        found_corr = found_mul = False
        for attempt in range(20000):
            n = int(rng.integers(5, 40))
            x = (rng.integers(-50, 50, n) / np.float64(rng.choice([10, 100, 3, 7]))).astype(dtype)
            truth = numpy_fd(x)
            assert fd_replica(x) == truth
            if not found_corr and fd_replica(x, nocorr=True) != truth:
                out.append((f'hard: {np.dtype(dtype).name} edge correction', x))
                found_corr = True
            if dtype == np.float32 and not found_mul and fd_replica(x, mul64=True) != truth:
                out.append(('hard: float32 index multiply', x))
                found_mul = True
            if found_corr and (found_mul or dtype == np.float64):
                break
        print(np.dtype(dtype).name, 'edge correction case found:', found_corr, 'float32 multiply case found:',
              found_mul, file=sys.stderr)
    return out


def part7a_cases():
    """np.random.seed(s); r = uniform(-1, 1, 10_000); histograms of r and np.arctanh(r) (float64)."""
    cases = []
    for seed in (0, 38, 2024):
        np.random.seed(seed)
        r = np.random.uniform(-1, 1, size=10_000)
        fz = np.arctanh(r)
        hr, er = np.histogram(r, bins='fd')
        hz, ez = np.histogram(fz, bins='fd')
        idx = [0, 1, 2, 311, 312, 623, 624, 9998, 9999]
        cases.append({'seed': seed, 'index': idx, 'r': floats(r[idx]), 'fz': floats(fz[idx]),
                      'r_edges': floats(er), 'r_counts': [int(c) for c in hr],
                      'fz_edges': floats(ez), 'fz_counts': [int(c) for c in hz]})
    return cases


def random_cases():
    cases = []
    for seed in (0, 1, 38, 42, 12345, 2**31, 2**32 - 1):
        np.random.seed(seed)
        state = np.random.get_state()[1]
        u = np.random.uniform(-1, 1, size=1300)
        np.random.seed(seed)
        s = np.random.random_sample(5)
        np.random.seed(seed)
        lohi = np.random.uniform(3.5, -2.0, size=3)
        cases.append({'seed': seed, 'key': None, 'state_head': [int(v) for v in state[:4]],
                      'state_last': int(state[-1]), 'uniform_first': floats(u[:20]),
                      'uniform_1299': repr(float(u[1299])), 'random_sample': floats(s),
                      'uniform_3.5_-2': floats(lohi)})
    for key in ([0], [1, 2, 3], [2**32 - 1, 5], list(range(700))):
        np.random.seed(key)
        state = np.random.get_state()[1]
        u = np.random.uniform(-1, 1, size=20)
        np.random.seed(key)
        s = np.random.random_sample(5)
        cases.append({'seed': None, 'key': key, 'state_head': [int(v) for v in state[:4]],
                      'state_last': int(state[-1]), 'uniform_first': floats(u),
                      'random_sample': floats(s)})
    return cases


def ttest_cases():
    rng = np.random.default_rng(38)
    cases = []

    def add(name, a, b):
        with np.errstate(all='ignore'):
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                t = float(ttest_ind(a, b).statistic)
        cases.append({'name': name, 'dtype': str(np.asarray(a).dtype), 'a': floats(a), 'b': floats(b),
                      't': repr(t)})

    for (n1, n2) in ((2, 2), (2, 5), (3, 17), (10, 13), (45, 516), (178, 383), (1000, 7)):
        add(f'normal {n1} vs {n2}', rng.standard_normal(n1) + 0.3, rng.standard_normal(n2))
    add('equal means', np.array([1.0, 2.0, 3.0]), np.array([0.0, 2.0, 4.0]))
    add('negative t', rng.standard_normal(20) - 1.0, rng.standard_normal(30))
    add('one constant group', np.full(5, 0.5), rng.standard_normal(8))
    add('both constant, different means', np.full(4, 0.5), np.full(6, 0.25))
    add('both constant, equal means', np.full(4, 0.5), np.full(6, 0.5))
    add('group of one', np.array([0.7]), rng.standard_normal(6))
    # Part 5/6: float32 cosine values, as the notebook passes them (scipy then computes in float32).
    labels = [1] * 10 + [2] * 13 + [3] * 11
    for seed in range(3):
        w, a = cosine_triangles(np.random.default_rng(seed), 34, 1600, labels)
        add(f'part6 float32 seed={seed}', w, a)
        add(f'part6 float64 seed={seed}', w.astype(np.float64), a.astype(np.float64))
    return cases


def pearson_cases():
    rng = np.random.default_rng(6)
    cases = []
    for n in (2, 3, 17, 561, 2000):
        x = rng.standard_normal(n).astype(np.float32)
        y = (0.4 * x + rng.standard_normal(n)).astype(np.float32)
        cases.append({'x': floats(x), 'y': floats(y), 'r': repr(float(np.corrcoef(x, y)[0, 1]))})
    return cases


def write(name, obj):
    path = os.path.normpath(os.path.join(RESOURCES, name))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(obj, f, separators=(',', ':'))
        f.write('\n')
    print(path, os.path.getsize(path), 'bytes')


if __name__ == '__main__':
    write('stats/histogram-fd.json', {'meta': meta(), 'cases': histogram_cases()})
    write('stats/part7a.json', {'meta': meta(), 'cases': part7a_cases()})
    write('stats/numpy-random.json', {'meta': meta(), 'cases': random_cases()})
    write('stats/ttest-ind.json', {'meta': meta(), 'cases': ttest_cases()})
    write('corrcoef.json', {'meta': meta(), 'cases': pearson_cases()})
