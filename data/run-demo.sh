#!/bin/sh
# run-demo.sh: install the built plug-in into your GIMP (3.0 or 2.10, the
# one it was built for) and repaint a sample photo in the style of a sample
# painting through GIMP itself (gimp-console running the Script-Fu example
# neural-style-batch-3.scm or neural-style-batch.scm).
#
#   data/run-demo.sh [BUILD_DIR]          (default: ./build)
#
# Environment:
#   NST_WEIGHTS          the VGG19 weights file, when it is not in
#                        ~/.local/share/gimp-neural-style/vgg19.safetensors
#   NST_DEMO_OUT         the PNG to write (default: ./neural-style-demo.png)
#   NST_DEMO_SIZE        working size in pixels (default: 256)
#   NST_DEMO_ITERATIONS  loss evaluations (default: 100)
#   GIMP3_DIRECTORY, GIMP2_DIRECTORY
#                        your GIMP profile (default: ~/.config/GIMP/3.0 or
#                        ~/.config/GIMP/2.10)
set -eu

source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-build}
out=${NST_DEMO_OUT:-neural-style-demo.png}
size=${NST_DEMO_SIZE:-256}
iterations=${NST_DEMO_ITERATIONS:-100}

# The GIMP 2.10 build makes plugin/gimp2/gimp-neural-style, the GIMP 3.0 one
# plugin/gimp3/gimp-neural-style; after switching, the newer one is current.
plugin=$(ls -t "$build_dir/plugin/gimp2/gimp-neural-style" \
               "$build_dir/plugin/gimp3/gimp-neural-style" 2>/dev/null | head -n 1)
if [ -z "$plugin" ] || [ ! -x "$plugin" ]; then
  echo "run-demo.sh: no plug-in in $build_dir/plugin: build first (ninja -C $build_dir)" >&2
  exit 1
fi

# The plug-in is linked against the libgimp of the GIMP it was built for.
if ldd "$plugin" | grep -q 'libgimp-3\.0'; then
  gimp=3.0 script=neural-style-batch-3.scm
else
  gimp=2.10 script=neural-style-batch.scm
fi
profile=$("$source_dir/data/gimp-batch.sh" --profile "$gimp")
# GIMP finds plug-ins in plug-ins/<name>/<name> of the profile, and
# Script-Fu loads the scripts folder at start-up.
install -D -m 755 "$plugin" "$profile/plug-ins/gimp-neural-style/gimp-neural-style"
install -D -m 644 "$source_dir/data/$script" "$profile/scripts/$script"
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

echo "Repainting chelsea.png in the style of starry_night.jpg with GIMP $gimp" \
  "($iterations evaluations at ${size} px; a few minutes on a CPU)..."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$source_dir/data/gimp-batch.sh" "$gimp" \
  "(neural-style-batch $content $style $target $iterations $size)" \
  >"$log" 2>&1 || true

# gimp-console's exit status does not tell whether the script worked: the
# file is the proof.
if [ ! -s "$out" ]; then
  echo "run-demo.sh: GIMP did not write $out. What it said:" >&2
  grep -v -e '^$' -e 'GeglBuffers leaked' -e 'GEGL-WARNING' "$log" >&2 || true
  exit 1
fi
echo "Wrote $out"
