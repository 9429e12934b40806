#!/usr/bin/env bash
# Inference at scale (issue 11), its speed target as one command: `laminar analyze` on seeded synthetic activations
# (n words x 48 layers x d = 1600, 3 categories; bench/make_activations.py), once without inference and once with
# P permutations + B bootstrap resamples, alternately, RUNS times. Reports per pair the analyses stage of both
# runs, the inference as laminar times it (`inference_in_analyses`), the difference, laminar's own estimate and
# the peak RSS, and checks the difference against the target (default 180 s: 2,000 words, 1,000 + 1,000 draws).
# Both runs use --no-figures --no-cka (the notebook has no CKA; figures are not what is timed).
#
#   bench/inference-scale.sh                    # n = 2000, P = B = 1000, 1 pair, --backend java
#   RUNS=3 bench/inference-scale.sh 2000
#   BACKEND=tornado bench/inference-scale.sh    # on a machine with a TornadoVM device (TORNADOVM_HOME set)
#   P=200 B=200 TARGET=60 bench/inference-scale.sh 500
#   LAMINAR=/path/to/other/checkout/laminar bench/inference-scale.sh   # another build, e.g. a baseline
#
# Needs: JDK 25 + Maven (./laminar builds itself), /usr/bin/python3 with numpy (to write the activations once),
# GNU time (/usr/bin/time). Data (3.4 GiB at n = 2,000) and outputs go to $BENCH_DIR (default /tmp/laminar-bench),
# outside the repository. Run it on a quiet machine: the difference is only meaningful within one run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-2000}"
P="${P:-1000}"
B="${B:-1000}"
RUNS="${RUNS:-1}"
TARGET="${TARGET:-180}"
BACKEND="${BACKEND:-java}"
BENCH_DIR="${BENCH_DIR:-/tmp/laminar-bench}"
LAMINAR="${LAMINAR:-./laminar}"
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

mkdir -p "$BENCH_DIR"
acts="$BENCH_DIR/acts-$N.safetensors"
words="$BENCH_DIR/words-$N.tsv"
if [[ ! -f "$acts" || ! -f "$words" ]]; then
  echo "inference-scale: writing synthetic activations n=$N to $BENCH_DIR" >&2
  /usr/bin/python3 bench/make_activations.py --n "$N" --d 1600 --layers 48 --columns 2 --seed 38 --out "$BENCH_DIR"
fi
RUN_DIR="$BENCH_DIR/inference-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
$LAMINAR --help >/dev/null # build once, not timed

# laminar's "seconds per stage {...}" line: the value of one stage
stage() { grep -o "seconds per stage {[^}]*}" "$1" | head -n1 | grep -oE "[{ ]$2=[0-9.]*" | cut -d= -f2; }
rss() { awk -F': ' '/Maximum resident set size/ {printf "%.2f", $2 / 1048576}' "$1"; }

run() {  # name, laminar flags...
  local name=$1
  shift
  /usr/bin/time -v $LAMINAR analyze --activations "$acts" --words "$words" --out "$RUN_DIR/$name" \
    --backend "$BACKEND" --no-figures --no-cka "$@" > "$RUN_DIR/$name.log" 2>&1 \
    || { echo "inference-scale: laminar failed, see $RUN_DIR/$name.log" >&2; exit 1; }
}

echo "inference-scale: n=$N, 48 layers, P=$P, B=$B, backend $BACKEND, $RUNS pair(s); logs in $RUN_DIR"
for r in $(seq 1 "$RUNS"); do
  echo "pair $r: start $(date +%T), load $(cut -d' ' -f1-3 /proc/loadavg)"
  run "plain-$r" --permutations 0 --bootstrap 0
  run "inference-$r" --permutations "$P" --bootstrap "$B"
  plain=$(stage "$RUN_DIR/plain-$r.log" analyses)
  with=$(stage "$RUN_DIR/inference-$r.log" analyses)
  inference=$(stage "$RUN_DIR/inference-$r.log" inference_in_analyses)
  estimate=$(grep -o "will take about [0-9]* s" "$RUN_DIR/inference-$r.log" | grep -o "[0-9]*" || echo "-")
  beyond=$(awk -v a="$with" -v b="$plain" 'BEGIN {printf "%.1f", a - b}')
  verdict=$(awk -v x="$beyond" -v t="$TARGET" 'BEGIN {print (x <= t) ? "within" : "over"}')
  printf '  analyses: plain %.1f s, with inference %.1f s (inference %.1f s, estimated %s s); beyond the plain' \
    "$plain" "$with" "$inference" "$estimate"
  printf ' analysis %s s: %s the %s s target; peak RSS %s / %s GiB\n' "$beyond" "$verdict" "$TARGET" \
    "$(rss "$RUN_DIR/plain-$r.log")" "$(rss "$RUN_DIR/inference-$r.log")"
done
