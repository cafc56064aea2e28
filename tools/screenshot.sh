#!/usr/bin/env bash
# Opens the release build on the seeds under a virtual X display (xvfb-run),
# selects the 2021-12-07 video call, and saves a screenshot of the window:
#   tools/screenshot.sh [OUT.png]        (default: docs/screenshot.png)
# Needs xvfb-run, xdotool and ImageMagick's `import`
# (apt-get install -y xvfb libgl1-mesa-dri libegl1 libxkbcommon-x11-0 imagemagick xdotool).
# Fails if the app does not start or the screenshot is blank.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshot.png}"
for tool in xvfb-run xdotool import; do
  command -v "$tool" >/dev/null || { echo "screenshot: $tool is not installed" >&2; exit 2; }
done
cargo build --release --quiet
bin="$PWD/target/release/tension-timeline"
export out bin
# a fresh profile, so no remembered layout or recent files change the picture
export XDG_DATA_HOME="$(mktemp -d)" XDG_CONFIG_HOME="$(mktemp -d)"
xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
  "$bin" seeds/ 2>/tmp/tension-timeline-screenshot.log &
  app=$!
  for _ in $(seq 1 60); do
    sleep 0.5
    xdotool search --name "^tension-timeline$" >/dev/null 2>&1 && break
  done
  sleep 3
  kill -0 $app || { echo "screenshot: the app exited" >&2; exit 1; }
  # the first article'"'"'s first event in the table: the 2021-12-07 video call
  xdotool mousemove 1154 127 click 1
  sleep 1.5
  import -window root "$out"
  kill $app
'
colors=$(identify -format %k "$out")
echo "screenshot: $out ($colors colors)"
[ "$colors" -gt 50 ] || { echo "screenshot: the window looks blank" >&2; exit 1; }
