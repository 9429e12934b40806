#!/usr/bin/env bash
# JMH benchmarks of the Java kernel backend (benchmarks/, built only with -Pbench) and, in the same run,
# numpy's cosine matrix at the same sizes (float32 as the notebook; float64 for reference).
#
#   bench/kernels-jmh.sh                          # all: cosine n = 34/500/2000, RSA, group moments (~8 min)
#   bench/kernels-jmh.sh CosineBenchmark -p n=2000  # any JMH arguments (a regexp, -p, -f, -wi, -i ...)
#   bench/kernels-jmh.sh CosineBenchmark -p simd=false -p n=500   # the scalar engine
#
# One fork, 2 warm-up + 3 measured iterations per case (set in the classes): short, for a 2-core machine.
# The forked JVMs get --add-modules jdk.incubator.vector (SIMD engine) from the @Fork annotations.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT="${BENCH_DIR:-/tmp/laminar-bench}/jmh-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
mvn -q -B -Pbench -DskipTests -pl benchmarks -am package
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -jar benchmarks/target/benchmarks.jar -rf json -rff "$OUT/jmh.json" "$@" | tee "$OUT/jmh.txt"
for dtype in float32 float64; do
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/numpy_cosine.py --n 34 500 2000 --d 1600 \
    --dtype "$dtype" --repeats 7 | tee -a "$OUT/numpy.jsonl"
done
echo "files: $OUT"
