#!/usr/bin/env bash
# The README's first command, as a new user runs it: ./quickstart.sh in a
# fresh copy of the sources with an empty home folder.  Passes when it
# built, installed the plug-in into the profile of the GIMP it was built
# for (made by GIMP's own first start), installed neural-style, and the demo
# wrote its picture through gimp-console at the sample photo's size.
#
#   test-quickstart.sh GIMP_VERSION      (2.10 or 3.0)
#
# Uses the synthetic test weights ($NST_TEST_WEIGHTS) and a tiny demo.
set -euo pipefail

gimp=$1
work=$(mktemp -d /tmp/nst-quickstart.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src" "$work/home"
tar -C "$NST_SOURCE_ROOT" --exclude='./build*' --exclude=./.git -cf - . |
  tar -C "$work/src" -xf -

failures=0
fail () { echo "FAIL $*"; failures=$((failures + 1)); }

status=0
(cd "$work/src" &&
 env -i PATH="$PATH" HOME="$work/home" LANG=C.UTF-8 \
   OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}" NST_GIMP="$gimp" \
   NST_WEIGHTS="$NST_TEST_WEIGHTS" NST_DEMO_SIZE=96 NST_DEMO_ITERATIONS=5 \
   ./quickstart.sh) >"$work/log" 2>&1 || status=$?
[ "$status" = 0 ] || fail "quickstart.sh exited with $status"

profile=$work/home/.config/GIMP/$gimp
[ -x "$profile/plug-ins/gimp-neural-style/gimp-neural-style" ] ||
  fail "the plug-in is not installed in $profile/plug-ins/gimp-neural-style/"
# GIMP's first start fills a new profile with its folders; a profile that
# the install made would hold only plug-ins/ and scripts/.
[ -d "$profile/brushes" ] ||
  fail "GIMP's first start did not make the profile (no brushes/ folder)"
"$work/home/.local/bin/neural-style" --version >/dev/null 2>&1 ||
  fail "~/.local/bin/neural-style --version does not run"
# GIMP 3 looks for a plug-in's catalogs beside it, GIMP 2.10 in the
# prefix's locale folder.
if [ "$gimp" = 3.0 ]; then
  catalogs=$profile/plug-ins/gimp-neural-style/locale
else
  catalogs=$work/home/.local/share/locale
fi
[ -f "$catalogs/de/LC_MESSAGES/gimp-neural-style.mo" ] ||
  fail "the German catalog is not installed in $catalogs"
grep -q "SYNTHETIC" "$work/log" ||
  fail "quickstart.sh did not say that the weights are synthetic"

demo=$work/src/neural-style-demo.png
size=$(/usr/bin/python3 -c 'import sys; from PIL import Image
print("%dx%d" % Image.open(sys.argv[1]).size)' "$demo" 2>/dev/null || true)
[ "$size" = 451x300 ] ||
  fail "the demo picture: ${size:-missing}, not chelsea.png's 451x300"

if [ "$failures" -gt 0 ]; then
  echo "--- quickstart.sh said ---"
  grep -v -e '^\[[0-9]*/[0-9]*\]' "$work/log" | tail -n 60
  exit 1
fi
echo "ok   quickstart.sh installed into GIMP $gimp and the demo ran"
