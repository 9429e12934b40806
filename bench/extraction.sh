#!/usr/bin/env bash
# Extraction benchmark (BENCHMARKS.md, "Extraction"): the notebook's Part 1 in Python against laminar, alternating,
# on a GPT-2 XL-shaped checkpoint outside the repository. Per round, in this order:
#   notebook  VENV python bench/notebook_load_forward.py          (transformers: import + from_pretrained + forward)
#   torch     VENV python toolkit/src/test/python/bench_torch_forward.py  (the forward alone, weights memory-mapped)
#   extract   java laminar.cli.Main extract ...                   (laminar's extraction stage, activations only)
#   run       java laminar.cli.Main run ... --quiet               (the whole `laminar run` process, figures included)
# Each under /usr/bin/time (wall, user, sys, peak RSS), with the load average before it. Usage:
#   MODEL=/work/bench-data/gpt2-xl-random VENV=/work/bench-data/venv RUNS=2 bench/extraction.sh > log
# Needs: the checkpoint (java -cp toolkit/target/test-classes:... laminar.model.RandomCheckpoint DIR --preset gpt2-xl
# --tokenizer-from golden/models/tiny-gpt2: test tooling, see BENCHMARKS.md), a venv with torch + transformers, and
# classes compiled in this tree plus cp.txt
# (mvn -q -o -pl toolkit -am test-compile dependency:build-classpath -Dmdep.outputFile=$PWD/cp.txt).
# SIDES="notebook torch extract run" picks sides (also: torch-passive = the forward with OMP_WAIT_POLICY=PASSIVE,
# extract-spin = laminar with OMP_WAIT_POLICY=ACTIVE, libgomp's default; run-nofig = run --no-figures); JAVA_EXTRA adds JVM flags to laminar's.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${MODEL:?set MODEL to the checkpoint directory}
VENV=${VENV:?set VENV to a venv with torch and transformers}
RUNS=${RUNS:-2}
SIDES=${SIDES:-notebook torch extract run}
WORDS=golden/words/notebook-34.tsv
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
CP="toolkit/target/classes:kernels/target/classes:$(cat cp.txt)"
# the launcher's JVM flags (./laminar)
JVM=(-Dai.djl.offline=true -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED
     --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages ${JAVA_EXTRA:-})
OUT=$(mktemp -d /tmp/laminar-extraction-bench.XXXXXX)
timed() { /usr/bin/time -f "TIME wall %e user %U sys %S rss_kb %M" "$@" 2>&1 | grep -v -e '^WARNING' -e 'Loading weights'; }
for round in $(seq 1 "$RUNS"); do
  for side in $SIDES; do
    echo "== round $round $side load $(cut -d' ' -f1-3 /proc/loadavg)"
    case $side in
      notebook) timed "$VENV/bin/python" bench/notebook_load_forward.py "$MODEL" $WORDS 2 ;;
      torch) timed "$VENV/bin/python" toolkit/src/test/python/bench_torch_forward.py --model "$MODEL" --words $WORDS --threads 2 ;;
      torch-passive) OMP_WAIT_POLICY=PASSIVE timed "$VENV/bin/python" toolkit/src/test/python/bench_torch_forward.py \
                 --model "$MODEL" --words $WORDS --threads 2 ;;
      extract-spin) OMP_WAIT_POLICY=ACTIVE timed "$JAVA" -Xmx1g -XX:+UseParallelGC "${JVM[@]}" -cp "$CP" \
                 laminar.cli.Main extract --model "$MODEL" --words $WORDS --threads 2 --quiet \
                 --out "$OUT/extract-spin-$round" ;;
      extract) timed "$JAVA" -Xmx1g -XX:+UseParallelGC "${JVM[@]}" -cp "$CP" laminar.cli.Main extract \
                 --model "$MODEL" --words $WORDS --threads 2 --quiet --out "$OUT/extract-$round" ;;
      run) timed "$JAVA" "${JVM[@]}" -cp "$CP" laminar.cli.Main run --model "$MODEL" \
             --words $WORDS --out "$OUT/run-$round" --quiet ;;
      run-nofig) timed "$JAVA" "${JVM[@]}" -cp "$CP" laminar.cli.Main run --model "$MODEL" \
             --words $WORDS --out "$OUT/run-nofig-$round" --quiet --no-figures ;;
    esac
  done
done
rm -rf "$OUT"
