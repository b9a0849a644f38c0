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

/usr/bin/python3 - build/meson-logs/testlog.json <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1]) as log:
    for line in log:
        result = json.loads(line)["result"]
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit "$status"
