#!/usr/bin/env bash
# Shot detection against PySceneDetect: runs `./instancecap scenes` (one JVM over a folder) and
# PySceneDetect's CLI with `detect-content` defaults (one process per file, as its CLI takes one
# input) on the same files, then the same detector through PySceneDetect's API in one Python
# process, alternating REPEATS times (default 3), and prints the median wall time of each, the
# ratios, and the cuts per file beside the known cuts.
#   scripts/bench-scenes.sh [REPEATS]
# Files: the shared media's scenes/ clips, two uncut shared videos (fast motion, a cut detector's
# false alarms) and clips spliced here with ffmpeg at known frames (hard cuts, cross-dissolves),
# cached in BENCH_DIR (default /tmp/instancecap-bench-scenes).
# Needs: ffmpeg, bc, /usr/bin/python3 with Debian's python3-opencv, python3-click, python3-tqdm and
# python3-platformdirs, and PySceneDetect's source in PYSCENEDETECT_SRC (a folder holding its
# `scenedetect` package; default /tmp/pyscenedetect).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repeats="${1:-3}"
media="${MEDIA:-$root/../shared/media}"
bench="${BENCH_DIR:-/tmp/instancecap-bench-scenes}"
psd="${PYSCENEDETECT_SRC:-/tmp/pyscenedetect}"
python=/usr/bin/python3
[ -d "$psd/scenedetect" ] || { echo "error: no PySceneDetect source in $psd (set PYSCENEDETECT_SRC)" >&2; exit 2; }
command -v ffmpeg >/dev/null || { echo "error: ffmpeg is not installed" >&2; exit 2; }

files="$bench/files"
mkdir -p "$files"
v="$media/videos"
# Re-encoded like a typical upload: H.264 (x264 defaults), yuv420p, no audio.
encode() { ffmpeg -v error -y "$@" -an -c:v libx264 -pix_fmt yuv420p; }
hd="scale=1280:720,setsar=1,fps=30,settb=AVTB,format=yuv420p"
# Hard cuts at frames 90, 180, 270 (30 fps, 360 frames).
[ -f "$files/splice_hard4.mp4" ] || encode \
  -ss 0 -t 3 -i "$v/sam2_01_dog.mp4" -ss 2 -t 3 -i "$v/sam2_02_cups.mp4" \
  -ss 1 -t 3 -i "$v/sam2_04_coffee.mp4" -ss 1 -t 3 -i "$v/sam2_bedroom.mp4" \
  -filter_complex "[0]$hd[a];[1]$hd[b];[2]$hd[c];[3]$hd[d];[a][b][c][d]concat=n=4[o]" -map "[o]" "$files/splice_hard4.mp4"
# Short shots, hard cuts at 45, 90, 135, 180, 225 (30 fps, 270 frames).
[ -f "$files/splice_short6.mp4" ] || encode \
  -ss 0 -t 1.5 -i "$v/sam2_bedroom.mp4" -ss 4 -t 1.5 -i "$v/sam2_01_dog.mp4" -ss 6 -t 1.5 -i "$v/sam2_02_cups.mp4" \
  -ss 3 -t 1.5 -i "$v/sam2_bedroom.mp4" -ss 5 -t 1.5 -i "$v/sam2_04_coffee.mp4" -ss 0 -t 1.5 -i "$v/llava_demo_xU25MMA2N4aVtYay.mp4" \
  -filter_complex "[0]$hd[a];[1]$hd[b];[2]$hd[c];[3]$hd[d];[4]$hd[e];[5]$hd[f];[a][b][c][d][e][f]concat=n=6[o]" \
  -map "[o]" "$files/splice_short6.mp4"
# A 1 s cross-dissolve over frames 61-90, a hard cut at 151, a 0.5 s dissolve over 226-240
# (xfade repeats one frame at the end of the first dissolve: measured, not planned)
# (30 fps, 316 frames).
[ -f "$files/splice_dissolve.mp4" ] || encode \
  -ss 0 -t 3 -i "$v/sam2_01_dog.mp4" -ss 2 -t 3 -i "$v/sam2_02_cups.mp4" \
  -ss 1 -t 3 -i "$v/sam2_04_coffee.mp4" -ss 1 -t 3 -i "$v/sam2_bedroom.mp4" \
  -filter_complex "[0]$hd[a];[1]$hd[b];[2]$hd[c];[3]$hd[d];[a][b]xfade=transition=fade:duration=1:offset=2[ab];[ab][c]concat=n=2[abc];[abc][d]xfade=transition=fade:duration=0.5:offset=7.5[o]" \
  -map "[o]" "$files/splice_dissolve.mp4"
# 640x360 at 25 fps, black-and-white film cut to colour and back: hard cuts at 75, 150 (225 frames).
sd="scale=640:360,setsar=1,fps=25,settb=AVTB,format=yuv420p"
[ -f "$files/splice_chaplin25.mp4" ] || encode \
  -ss 0 -t 3 -i "$v/moviepy_chaplin.mp4" -ss 5 -t 3 -i "$v/sam2_01_dog.mp4" -ss 5 -t 3 -i "$v/moviepy_chaplin.mp4" \
  -filter_complex "[0]$sd[a];[1]$sd[b];[2]$sd[c];[a][b][c]concat=n=3[o]" -map "[o]" "$files/splice_chaplin25.mp4"
for f in counter fades testvideo; do ln -sf "$media/scenes/pyscenedetect/$f.mp4" "$files/$f.mp4"; done
ln -sf "$v/sam2_bedroom.mp4" "$files/uncut_bedroom.mp4"
ln -sf "$v/sam2_05_default_juggle.mp4" "$files/uncut_juggle.mp4"
# Known cuts (first frame of each new shot); dissolves as first-last frame.
truth() {
  case "$1" in
    counter.mp4) echo "10 20";; fades.mp4) echo "(none; fades only)";; testvideo.mp4) echo "30 180 394 (PySceneDetect golden)";;
    splice_hard4.mp4) echo "90 180 270";; splice_short6.mp4) echo "45 90 135 180 225";;
    splice_dissolve.mp4) echo "dissolve 61-90, 151, dissolve 226-240";; splice_chaplin25.mp4) echo "75 150";;
    uncut_*) echo "(none)";;
  esac
}

out="$bench/out"
mkdir -p "$out"
# Build (when sources changed) and load once outside the timing.
"$root/instancecap" scenes "$files/counter.mp4" >/dev/null 2>&1

ours() { "$root/instancecap" scenes "$files" > "$out/ours.jsonl" 2> "$out/ours.err"; }
theirs() {
  rm -f "$out"/*.csv
  for f in "$files"/*.mp4; do
    (cd "$psd" && "$python" -m scenedetect -q -i "$f" -o "$out" detect-content list-scenes -f "$(basename "$f" .mp4).csv")
  done
}
# The same detector through PySceneDetect's Python API in one process over all files (Python and
# OpenCV start once, as our JVM does): the CLI's defaults are threshold 27, a 0.6 s shortest scene
# and automatic downscaling.
theirs_one_process() {
  (cd "$psd" && "$python" - "$files" "$out/api.json" <<'PY'
import json, os, sys
from scenedetect import ContentDetector, detect
folder, result = sys.argv[1], {}
for name in sorted(n for n in os.listdir(folder) if n.endswith(".mp4")):
    scenes = detect(os.path.join(folder, name), ContentDetector(threshold=27.0, min_scene_len="0.6s"))
    result[name] = [start.frame_num for start, _ in scenes[1:]]
json.dump(result, open(sys.argv[2], "w"))
PY
  )
}
now() { date +%s.%N; }
ours_times=()
theirs_times=()
api_times=()
for ((r = 1; r <= repeats; r++)); do
  t0=$(now); ours; t1=$(now); theirs; t2=$(now); theirs_one_process; t3=$(now)
  ours_times+=("$(echo "$t1 - $t0" | bc)")
  theirs_times+=("$(echo "$t2 - $t1" | bc)")
  api_times+=("$(echo "$t3 - $t2" | bc)")
  echo "run $r: instancecap ${ours_times[-1]} s, PySceneDetect CLI ${theirs_times[-1]} s, PySceneDetect API ${api_times[-1]} s" >&2
done

known="$(for f in "$files"/*.mp4; do b=$(basename "$f"); echo "$b=$(truth "$b")"; done)"
"$python" - "$out" "${ours_times[*]}" "${theirs_times[*]}" "$(cd "$files" && ls ./*.mp4 | sed 's|^\./||' | tr '\n' ' ')" "$known" "${api_times[*]}" <<'PY'
import csv, json, os, statistics, sys
out, ours_t, theirs_t, names = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4].split()
truth = dict(line.split("=", 1) for line in sys.argv[5].splitlines())
ours_t, theirs_t, api_t = [float(t) for t in ours_t], [float(t) for t in theirs_t], [float(t) for t in sys.argv[6].split()]
api = json.load(open(os.path.join(out, "api.json")))
ours = {}
for line in open(os.path.join(out, "ours.jsonl"), encoding="utf-8"):
    r = json.loads(line)
    ours[os.path.basename(r["video"])] = ([s["startFrame"] for s in r["shots"][1:]], r["frameCount"])
def theirs(name):
    rows = list(csv.reader(open(os.path.join(out, name[:-4] + ".csv"), encoding="utf-8")))
    header = next(i for i, row in enumerate(rows) if row and row[0] == "Scene Number")
    col = rows[header].index("Start Frame")
    return [int(row[col]) - 1 for row in rows[header + 2:] if row]  # 1-based starts; the first scene is no cut
mo, mt = statistics.median(ours_t), statistics.median(theirs_t)
print(f"files: {len(names)}, {sum(ours[n][1] for n in names)} frames")
print(f"instancecap scenes (one JVM):      median {mo:.2f} s of {len(ours_t)} runs ({', '.join(f'{t:.2f}' for t in ours_t)})")
print(f"PySceneDetect detect-content (CLI): median {mt:.2f} s of {len(theirs_t)} runs ({', '.join(f'{t:.2f}' for t in theirs_t)})")
ma = statistics.median(api_t)
print(f"PySceneDetect API (one process):   median {ma:.2f} s of {len(api_t)} runs ({', '.join(f'{t:.2f}' for t in api_t)})")
print(f"ratio PySceneDetect CLI / instancecap: {mt / mo:.2f}")
print(f"ratio PySceneDetect API / instancecap: {ma / mo:.2f}")
print()
print(f"{'file':<22} {'frames':>6}  {'known cuts':<38} {'instancecap':<24} PySceneDetect")
for n in names:
    o = " ".join(map(str, ours[n][0])) or "-"
    t = " ".join(map(str, theirs(n))) or "-"
    if api[n] != theirs(n):
        t += f" (API: {' '.join(map(str, api[n])) or '-'})"
    print(f"{n:<22} {ours[n][1]:>6}  {truth.get(n, '?'):<38} {o:<24} {t}")
PY
