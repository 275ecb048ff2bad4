#!/usr/bin/env bash
# Compares two builds of instancecap on the same media, alternating runs so that the machine's noise
# falls on both: `bench --amc` (median seconds per file, as bench prints it) and an offline caption run
# over a folder (wall seconds). Prints each run and the medians with their ratio (after / before).
#   scripts/compare-builds.sh BEFORE.jar AFTER.jar [RUNS] [FOLDER]
set -euo pipefail
before=$1 after=$2 runs=${3:-3} folder=${4:-../shared/media/videos}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TF_CPP_MIN_LOG_LEVEL=2
amc_files=("$folder"/sam2_01_dog.mp4 "$folder"/moviepy_chaplin.mp4 "$folder"/intel_car-detection.mp4)
for ((i = 1; i <= runs; i++)); do
  for build in before after; do
    jar=${!build}
    # bench --amc prints a line per file: file, frames, sample ms, amc ms, ffmpeg ms, ratio; sum the amc medians
    amc=$(java -jar "$jar" bench --amc --runs 3 "${amc_files[@]}" 2>/dev/null \
      | awk 'NR > 1 && NF == 6 {sum += $4} END {printf "%.2f", sum / 1000}')
    rm -f "$work"/out.jsonl*
    start=$(date +%s.%N)
    java -jar "$jar" caption "$folder" -o "$work/out.jsonl" >/dev/null 2>&1 || true
    caption=$(echo "$(date +%s.%N) - $start" | bc)
    echo "$build run $i: bench --amc $amc s, caption $caption s"
    echo "$build $amc $caption" >> "$work/results"
  done
done
python3 - "$work/results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def median(build, column):
    return statistics.median(float(r[column]) for r in rows if r[0] == build)
for name, column in (("bench --amc", 1), ("caption", 2)):
    b, a = median("before", column), median("after", column)
    print(f"{name}: median before {b:.2f} s, after {a:.2f} s, ratio after/before {a / b:.3f}")
PY
