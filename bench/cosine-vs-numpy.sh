#!/usr/bin/env bash
# laminar's cosine kernel (bench/CosineCpu.java) and numpy's float32 `a /= norm; a @ a.T` (bench/numpy_cosine.py)
# at n x 1600, alternating, ROUNDS times, in one run: wall and process-CPU seconds per matrix, load before each.
# numpy runs with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset (OpenBLAS's own kernel choice) in that command only.
#   bench/cosine-vs-numpy.sh            # n = 2000, 3 rounds
#   ROUNDS=5 bench/cosine-vs-numpy.sh 500
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
N="${1:-2000}"
mvn -q -B -o -pl kernels compile
for round in $(seq 1 "${ROUNDS:-3}"); do
  echo "{\"round\": $round, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp kernels/target/classes bench/CosineCpu.java "$N" 2>/dev/null
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/numpy_cosine.py --n "$N" --d 1600 --repeats 7 \
    | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print(json.dumps({k: r[k] for k in ("n","best_s","median_s","cpu_median_s","blas")}))'
done
