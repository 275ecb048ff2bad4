#!/usr/bin/env bash
# Exports N synthesised caption records (default 10,000, shaped like `caption --with-amc`'s: up to
# three instances with eight boxes each, camera, frames, provenance) as Parquet and as webdataset
# shards under a small heap (HEAP, default 64m), and prints each export's closing line (time, peak
# heap) and the size of what it wrote. Every webdataset sample carries samples/dog.mp4 (210 KB), so
# the shards take about N x 0.22 MB of /tmp while the script runs.
#   scripts/bench-export.sh [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-10000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$n" "$work/captions.jsonl" "$root/samples/dog.mp4" <<'PY'
import json, random, sys
n, out, video = int(sys.argv[1]), sys.argv[2], sys.argv[3]
classes = ["person", "dog", "car", "bicycle", "cup", "dining table"]
cameras = ["static", "pan_left", "zoom_in", "tilt_up", "Undetermined"]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        r = random.Random(i)
        k = i % 4
        names = [classes[(i + j) % len(classes)] for j in range(k)]
        main = {f"No.{j}": {"Class": c,
                            "Appearance": f"The {c} is mostly grey and dark grey. It fills about a third of the frame's height.",
                            "Actions and Motion": f"The {c} moves to the right at a steady pace, then stops.",
                            "Position": f"{c} moves from bottom-left to bottom-middle."} for j, c in enumerate(names)}
        rec = {"Video": f"clips/clip_{i:06d}.mp4",
               "Global Description": f"Clip {i}: " + (", ".join(names) or "a scene without people") + ", filmed in daylight.",
               "Structured Description": {"Main Instance": main,
                                          "Background Detail": "The background is mostly grey and white, evenly lit, with soft colours.",
                                          "Camera Movement": "The camera stays still."},
               "amc": {"video": f"clips/clip_{i:06d}.mp4",
                       "info": {"path": video, "durationSeconds": 1 + r.random() * 40, "fps": 29.97, "frameCount": 300,
                                "width": 1024, "height": 576, "rotation": 0, "videoCodec": "h264", "hasAudio": False},
                       "frames": [{"index": 40 * t, "timeSeconds": 1.33 * t} for t in range(8)],
                       "camera": {"label": cameras[i % len(cameras)], "speed": r.random(), "zoom": 1.0, "rotation": 0.1,
                                  "jitter": 0.001, "adverb": "slowly"},
                       "instances": [{"id": j, "class": c, "score": 0.4 + r.random() / 2,
                                      "boxes": [{"x1": r.random() * 500, "y1": 100.0, "x2": 700.0, "y2": 500.0} for _ in range(8)],
                                      "regions": ["bottom-left"] * 8, "position": main[f"No.{j}"]["Position"]}
                                     for j, c in enumerate(names)],
                       "settings": {"frames": 8, "maxInstances": 3, "detector": "centernet", "instanceThreshold": 0.35}},
               "provenance": {"tool": "instancecap bench", "captioner": "offline", "detector": "centernet",
                              "instanceThreshold": 0.35, "amcSeconds": r.random() * 3, "captionSeconds": r.random()}}
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
PY
echo "bench-export: $n records, $(du -h "$work/captions.jsonl" | cut -f1) of JSON Lines; heap ${HEAP:-64m}"
export JAVA_OPTS="-Xmx${HEAP:-64m} ${JAVA_OPTS:-}"
"$root/instancecap" export "$work/captions.jsonl" -o "$work/parquet" --format parquet --target cogvideox --rows-per-file 5000
echo "parquet: $(du -sh "$work/parquet" | cut -f1)"
"$root/instancecap" export "$work/captions.jsonl" -o "$work/webdataset" --format webdataset --target cogvideox --shard-size 500M
echo "webdataset: $(du -sh "$work/webdataset" | cut -f1), $(ls "$work/webdataset" | grep -c '^shard-') shards"
