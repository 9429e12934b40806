#!/usr/bin/env bash
# Start-up (issue 7): wall time of `./laminar demo` after the first build, and where it goes.
#
#   bench/startup.sh              # hyperfine (warm-up 1, 5 runs) + one instrumented run
#   RUNS=10 bench/startup.sh
#
# 1. hyperfine: `java -version` (bare JVM), `./laminar --help` (launcher + JVM + CLI) and `./laminar demo`
#    (the notebook's experiment on the bundled checkpoint, figures included), all after one warm-up run.
#    Falls back to repeated /usr/bin/time when hyperfine is missing (apt-get install hyperfine).
# 2. One demo with -Xlog:startuptime and -Xlog:class+load (uptime-stamped): the first use of marker classes
#    splits the run into JVM start, CLI, model open (config + weights mapping), DJL PyTorch engine load,
#    tokenizer, extraction (forward), analyses, figures, results; laminar's own "seconds per stage" line is
#    printed beside it. bench/startup_breakdown.py prints the table.
# Outputs go to $BENCH_DIR (default /tmp/laminar-bench), outside the repository. Run on a quiet machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BENCH_DIR="${BENCH_DIR:-/tmp/laminar-bench}"
RUNS="${RUNS:-5}"
OUT="$BENCH_DIR/startup-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[[ -x "$JAVA" ]] || JAVA="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"

./laminar --help >/dev/null   # the first build (not timed)
DEMO="./laminar demo --force --out $OUT/demo"   # --force: each timed run replaces the last one's output

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), load $(cut -d' ' -f1-3 /proc/loadavg)"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/hyperfine.json" --export-markdown "$OUT/hyperfine.md" \
    -n "java -version" "$JAVA -version" \
    -n "./laminar --help" "./laminar --help" \
    -n "./laminar demo" "$DEMO" >&2
  cat "$OUT/hyperfine.md"
else
  for cmd in "$JAVA -version" "./laminar --help" "$DEMO"; do
    $cmd >/dev/null 2>&1   # warm-up
    for i in $(seq 1 "$RUNS"); do
      /usr/bin/time -f "%e s  $cmd" $cmd 2>&1 >/dev/null | tail -n1
    done
  done
fi

echo
echo "instrumented run (class-load timeline):"
start=$(date +%s.%N)
LAMINAR_JAVA_OPTS="-Xlog:startuptime:file=$OUT/startuptime.log:uptime -Xlog:class+load=info:file=$OUT/classload.log:uptime" \
  /usr/bin/time -v -o "$OUT/demo.time" $DEMO 2> "$OUT/demo.log"
end=$(date +%s.%N)
/usr/bin/python3 bench/startup_breakdown.py --classload "$OUT/classload.log" --startuptime "$OUT/startuptime.log" \
  --log "$OUT/demo.log" --start "$start" --end "$end"
grep -E "Maximum resident" "$OUT/demo.time"
echo "files: $OUT"
