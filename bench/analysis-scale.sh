#!/usr/bin/env bash
# Analysis at scale (issues 7, 14): the notebook's own Part 1-7 cells (golden/export.py --activations) against
# `laminar analyze --backend java` on the same seeded synthetic activations (48 layers x d = 1600, 3 categories,
# 2 token columns), one n after the other, in one run; plus numpy's float32 cosine matrix (`a /= norm; a @ a.T`)
# per n. Wall time, CPU time and peak RSS of each process come from /usr/bin/time -v.
#
# What laminar is asked to compute (LAMINAR_FLAGS, printed and recorded in results.jsonl):
#   --permutations 0 --bootstrap 0   no permutation tests or bootstrap intervals: the notebook does no inference
#                                    (laminar's defaults, 1,000 + 1,000, would add minutes at n = 2,000)
#   --no-cka                         no linear CKA: the notebook has none, and it costs about one more similarity
#                                    pass over every layer
# Left on, as `laminar analyze` does by default: report.html (its heatmaps reuse the analysis pass's matrices, no
# second computation) and the category-model fit (a comparison per matrix; no flag turns it off).
# Modes (MODES, default "figures no-figures"): figures (the judged one: with figures, as the notebook draws them),
# no-figures (numbers only), figures+cka (the same with CKA on, i.e. laminar's defaults apart from inference: what
# CKA costs: +85 % analyses CPU at n = 2,000 x 48 x 1600, BENCHMARKS.md "Analysis at scale"; opt-in, it is slow).
# The launcher's JVM flags are used as they are (transparent huge pages and G1 since issue 7).
#
#   bench/analysis-scale.sh                 # n = 34 500 2000
#   bench/analysis-scale.sh 2000            # one size
#   BENCH_DIR=/tmp/x RUNS=2 bench/analysis-scale.sh 500
#   MODES=figures bench/analysis-scale.sh 2000
#   MODES="figures figures+cka" bench/analysis-scale.sh 2000   # what CKA costs
#   LAMINAR=/path/to/wrapper bench/analysis-scale.sh 500   # another laminar command (default ./laminar, which
#                                                         # builds and installs the modules when sources changed)
#
# Needs: JDK 25 + Maven (./laminar builds itself), /usr/bin/python3 with numpy, scipy, matplotlib (Debian
# packages), GNU time (/usr/bin/time, apt package `time`); threadpoolctl (python3-threadpoolctl) to report the
# OpenBLAS kernel. Data (3.4 GiB at n = 2000) and outputs go to $BENCH_DIR (default /tmp/laminar-bench), outside
# the repository. The notebook and numpy run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (OpenBLAS picks
# its own kernel for this CPU; this machine's environment pins an older one) - in those commands only.
# Run it on a quiet machine (`uptime` load < 0.5): the ratios are only meaningful within one run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BENCH_DIR="${BENCH_DIR:-/tmp/laminar-bench}"
NOTEBOOK="${NOTEBOOK:-/work/shared/notebook/proj38-laminar-rsa.txt}"
RUNS="${RUNS:-1}"
MODES="${MODES:-figures no-figures}"
LAMINAR_FLAGS=(--permutations 0 --bootstrap 0 --no-cka)
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(34 500 2000)
PY=/usr/bin/python3
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
[[ -f "$NOTEBOOK" ]] || { echo "notebook not found; set NOTEBOOK=path/to/proj38-laminar-rsa.txt" >&2; exit 2; }

mkdir -p "$BENCH_DIR"
RUN_DIR="$BENCH_DIR/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
RESULTS="$RUN_DIR/results.jsonl"
echo "analysis-scale: results in $RUN_DIR; laminar analyze ${LAMINAR_FLAGS[*]} (figures+cka: without --no-cka)" >&2

LAMINAR="${LAMINAR:-./laminar}"
# Build once (not timed).
$LAMINAR --help >/dev/null

# wall seconds, peak RSS (KiB) and CPU seconds (user + sys) from a /usr/bin/time -v log
wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
cpu_of() { awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$1"; }
load() { cut -d' ' -f1 /proc/loadavg; }

printf '{"kind":"machine","nproc":%s,"cpu":"%s","mem_kib":%s,"jdk":"%s","numpy":"%s","load_at_start":"%s","laminar_flags":"%s"}\n' \
  "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
  "$(awk '/MemTotal/ {print $2}' /proc/meminfo)" \
  "$(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -version 2>&1 | head -n1 | tr -d '"')" \
  "$($PY -c 'import numpy; print(numpy.__version__)')" "$(cut -d' ' -f1-3 /proc/loadavg)" "${LAMINAR_FLAGS[*]}" \
  >> "$RESULTS"

record() {  # kind n run timefile extra-json
  printf '{"kind":"%s","n":%s,"run":%s,"process_wall_s":%s,"max_rss_kib":%s,"cpu_s":%s,"load_after":%s%s}\n' \
    "$1" "$2" "$3" "$(wall_of "$4")" "$(rss_of "$4")" "$(cpu_of "$4")" "$(load)" "$5" >> "$RESULTS"
}

for n in "${SIZES[@]}"; do
  acts="$BENCH_DIR/acts-$n.safetensors"
  words="$BENCH_DIR/words-$n.tsv"
  if [[ ! -f "$acts" || ! -f "$words" ]]; then
    echo "analysis-scale: writing synthetic activations n=$n" >&2
    $PY bench/make_activations.py --n "$n" --d 1600 --layers 48 --columns 2 --seed 38 --out "$BENCH_DIR" >&2
  fi
  cat "$acts" > /dev/null   # page cache warm for both sides
  # numpy's cosine matrix at this n (OpenBLAS's own kernel choice)
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $PY bench/numpy_cosine.py --n "$n" --d 1600 --repeats 7 \
    | sed 's/^{/{"kind":"numpy_cosine",/' >> "$RESULTS"
  for run in $(seq 1 "$RUNS"); do
    echo "analysis-scale: n=$n run $run: notebook (golden/export.py --activations), load $(load)" >&2
    out="$RUN_DIR/nb-$n-$run"
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/time -v -o "$out.time" \
      $PY golden/export.py --notebook "$NOTEBOOK" --activations "$acts" --words "$words" --out "$out" \
      >"$out.log" 2>&1 || { tail -n 5 "$out.log" >&2; echo "analysis-scale: the notebook failed (log above;" \
        "it needs python3-numpy, python3-scipy, python3-matplotlib, python3-regex)" >&2; exit 1; }
    cells="$($PY -c 'import json, sys
t = json.load(open(sys.argv[1]))["cells"]
c = {}
for x in t: c[x["role"]] = c.get(x["role"], 0) + x["seconds"]
print(json.dumps(c))' "$out/timings.json")"
    record notebook "$n" "$run" "$out.time" ",\"per_cell_s\":$cells"
    # laminar with the launcher's JVM flags (transparent huge pages, G1) and LAMINAR_FLAGS
    for mode in $MODES; do
      flag=("${LAMINAR_FLAGS[@]}")
      [[ $mode == no-figures ]] && flag+=(--no-figures)
      [[ $mode == figures+cka ]] && flag=(--permutations 0 --bootstrap 0)
      echo "analysis-scale: n=$n run $run: laminar analyze --backend java ${flag[*]} ($mode), load $(load)" >&2
      out="$RUN_DIR/laminar-$mode-$n-$run"
      /usr/bin/time -v -o "$out.time" $LAMINAR analyze --activations "$acts" \
        --words "$words" --out "$out" --backend java "${flag[@]}" >"$out.log" 2>&1 \
        || { tail -n 5 "$out.log" >&2; echo "analysis-scale: laminar failed (log above)" >&2; exit 1; }
      stages_of() {  # the stage map a line of the log prints: {name=seconds, ...}
        sed -n "s/^laminar: $1 per stage {\(.*\)}.*$/\1/p" "$out.log" \
          | $PY -c 'import json, sys; print(json.dumps({k: float(v) for k, v in (kv.split("=") for kv in sys.stdin.read().strip().split(", ") if kv)}))'
      }
      record "laminar-$mode" "$n" "$run" "$out.time" \
        ",\"stages_s\":$(stages_of seconds),\"cpu_stages_s\":$(stages_of 'CPU seconds')"
    done
  done
done

$PY bench/report.py "$RESULTS" | tee "$RUN_DIR/report.md"
