#!/bin/sh
# run-demo.sh: install the built plug-in into your GIMP 2.10 and repaint a
# sample photo in the style of a sample painting through GIMP itself
# (gimp-console running the Script-Fu example neural-style-batch.scm).
#
#   data/run-demo.sh [BUILD_DIR]          (default: ./build)
#
# Environment:
#   NST_WEIGHTS          the VGG19 weights file, when it is not in
#                        ~/.local/share/gimp-neural-style/vgg19.safetensors
#   NST_DEMO_OUT         the PNG to write (default: ./neural-style-demo.png)
#   NST_DEMO_SIZE        working size in pixels (default: 256)
#   NST_DEMO_ITERATIONS  loss evaluations (default: 100)
#   GIMP2_DIRECTORY      your GIMP profile (default: ~/.config/GIMP/2.10)
set -eu

source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-build}
plugin="$build_dir/plugin/gimp-neural-style"
profile=${GIMP2_DIRECTORY:-${XDG_CONFIG_HOME:-$HOME/.config}/GIMP/2.10}
out=${NST_DEMO_OUT:-neural-style-demo.png}
size=${NST_DEMO_SIZE:-256}
iterations=${NST_DEMO_ITERATIONS:-100}

if [ ! -x "$plugin" ]; then
  echo "run-demo.sh: no plug-in at $plugin: build first (ninja -C $build_dir)" >&2
  exit 1
fi
if ! command -v gimp-console-2.10 >/dev/null; then
  echo "run-demo.sh: gimp-console-2.10 not found: install GIMP 2.10 (Debian: apt-get install gimp)" >&2
  exit 1
fi

# A profile that does not exist yet is GIMP's to create (its first start
# sets it up, or migrates an older version's): start GIMP once first.
if [ ! -d "$profile" ]; then
  gimp-console-2.10 -i -d -f -b '(gimp-quit 0)' >/dev/null 2>&1 || true
fi
# GIMP finds plug-ins in plug-ins/<name>/<name> of the profile, and
# Script-Fu loads the scripts folder at start-up.
install -D -m 755 "$plugin" "$profile/plug-ins/gimp-neural-style/gimp-neural-style"
install -D -m 644 "$source_dir/data/neural-style-batch.scm" \
  "$profile/scripts/neural-style-batch.scm"
echo "Installed the plug-in into $profile (Filters > Artistic > Neural Style...)."

case $out in /*) ;; *) out="$PWD/$out" ;; esac
rm -f "$out"
# Scheme string literals: escape backslashes and double quotes.
scheme_string() {
  printf '"%s"' "$(printf '%s' "$1" | sed 's/[\\"]/\\&/g')"
}
content=$(scheme_string "$source_dir/data/chelsea.png")
style=$(scheme_string "$source_dir/data/starry_night.jpg")
target=$(scheme_string "$out")

echo "Repainting chelsea.png in the style of starry_night.jpg" \
  "($iterations evaluations at ${size} px; a few minutes on a CPU)..."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
gimp-console-2.10 -i -d -f \
  -b "(neural-style-batch $content $style $target $iterations $size)" \
  -b '(gimp-quit 0)' >"$log" 2>&1 || true

# gimp-console exits 0 whatever happened: the file is the proof.
if [ ! -s "$out" ]; then
  echo "run-demo.sh: GIMP did not write $out. What it said:" >&2
  grep -v -e '^$' -e 'GeglBuffers leaked' -e 'GEGL-WARNING' "$log" >&2 || true
  exit 1
fi
echo "Wrote $out"
