#!/usr/bin/env bash
# report.html at scale (issue 15): size of the page, seconds of the run's "report" stage, and in headless Chromium
# the time until the page is drawn (performance.now() at the end of its script, data-ready-ms) and per slider move
# (data-switch-ms, #bench), on seeded synthetic activations (bench/make_activations.py) analysed with
# `laminar analyze --no-figures --backend java`.
#
#   bench/report-size.sh                      # n = 34 and 1000, 48 layers x d = 1600 (GPT-2 XL shape)
#   LAYERS=12 D=768 bench/report-size.sh 1000 # GPT-2 small shape
#
# Needs: the classpath of a build (CP, default toolkit/target/classes:kernels/target/classes:$(cat cp.txt)),
# /usr/bin/python3 with numpy, chromium. Data goes to $BENCH_DIR (default /tmp/laminar-bench-report).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BENCH_DIR="${BENCH_DIR:-/tmp/laminar-bench-report}"
LAYERS="${LAYERS:-48}"
D="${D:-1600}"
CP="${CP:-toolkit/target/classes:kernels/target/classes:$(cat cp.txt)}"
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(34 1000)
mkdir -p "$BENCH_DIR"
for n in "${SIZES[@]}"; do
  data="$BENCH_DIR/data-$n-$LAYERS-$D"
  [[ -f "$data/acts-$n.safetensors" ]] || /usr/bin/python3 bench/make_activations.py --n "$n" --d "$D" --layers "$LAYERS" --out "$data" >/dev/null
  out="$BENCH_DIR/out-$n-$LAYERS-$D"
  log=$(java -Xmx8g -Dai.djl.offline=true -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED \
    --add-modules jdk.incubator.vector -cp "$CP" laminar.cli.Main analyze --activations "$data/acts-$n.safetensors" \
    --words "$data/words-$n.tsv" --out "$out" --force --no-figures --backend java 2>&1 | grep "seconds per stage" || true)
  page="$out/report.html"
  dom=$(timeout 300 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$BENCH_DIR/profile" \
    --dump-dom "file://$page#bench" 2>/dev/null | grep -o 'data-ready-ms="[0-9]*" data-switch-ms="[0-9]*"' | sort -u || true)
  echo "n=$n layers=$LAYERS d=$D size=$(stat -c %s "$page") bytes; $dom; $log; load $(cut -d' ' -f1 /proc/loadavg)"
done
