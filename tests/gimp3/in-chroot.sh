#!/bin/bash
# Run by tests/gimp3/chroot.sh inside the Debian 13 chroot: configures the
# read-only source tree in /src for GIMP 3.0 into /build, builds it and runs
# the suites that GIMP 3.0 and libtorch 2.6 can break.  /build survives in a
# kept chroot, so rebuilds there are incremental.
set -euo pipefail

# Real locales for the catalog tests and the German dialog: Debian 13's
# glibc ignores LANGUAGE in C.UTF-8.
for locale in de_DE fr_FR es_ES; do
  locale -a | grep -qx "$locale.utf8" ||
    localedef -i "$locale" -c -f UTF-8 "$locale.UTF-8"
done

if [ ! -f /build/build.ninja ]; then
  meson setup /build /src -Dgimp=enabled -Dgimp_api=3.0
fi
ninja -C /build -j "$(nproc)"
# The engine on libtorch 2.6 (core, weights, the reference equivalence),
# GIMP 3.0's batch and dialog tests (gimp3), the catalogs (po), and the
# README's quick start installing into GIMP 3.0 (readme).
meson test -C /build --print-errorlogs --num-processes 1 \
  --suite core --suite weights --suite reference --suite gimp3 --suite po \
  --suite readme
