#!/usr/bin/env bash
# Clips per minute of the local caption command and of the Spark job at local[1] and local[2], on one
# folder of clips (offline captioner), each run once, one after the other, and caption again at the end
# to show how much the machine's load drifted meanwhile:
#   scripts/bench-spark.sh FOLDER
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
folder=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
clips=$(find "$folder" -maxdepth 1 -type f | wc -l)
run() {
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@" > "$work/$name.log" 2>&1 || true
  end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'{sys.argv[3]}: {s:.1f} s wall, {int(sys.argv[4])/s*60:.1f} clips/min')" \
    "$start" "$end" "$name" "$clips"
  tail -n 1 "$work/$name.log"
}
"$root/instancecap" --version > /dev/null 2>&1
"$root/instancecap-spark" caption --help > /dev/null 2>&1
run "caption (local runner)" "$root/instancecap" caption "$folder" -o "$work/local.jsonl"
run "spark local[1]" "$root/instancecap-spark" caption "$folder" -o "$work/spark1" --master 'local[1]'
run "spark local[2]" "$root/instancecap-spark" caption "$folder" -o "$work/spark2" --master 'local[2]'
run "caption again (drift)" "$root/instancecap" caption "$folder" -o "$work/again.jsonl"
