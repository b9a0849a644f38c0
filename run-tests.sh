#!/usr/bin/env bash
# Builds gimp-neural-style (in ./build) and runs every test suite.
# Ends with the line "N passed, N failed"; exits non-zero if any failed.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d build ]; then
  meson setup build >/dev/null
fi
# libtorch headers are heavy: two compile jobs fit in ~3 GiB each.
ninja -C build -j "$(nproc)"

status=0
meson test -C build --print-errorlogs --num-processes 1 "$@" || status=$?

/usr/bin/python3 tests/testlog-summary.py build/meson-logs/testlog.json
exit "$status"
