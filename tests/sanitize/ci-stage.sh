#!/usr/bin/env bash
# The sanitizer stage of CI: builds the engine, the CLI and their tests with
# clang under AddressSanitizer and UndefinedBehaviorSanitizer (in
# build-sanitize), runs the core, weights and CLI suites there, then each
# fuzz target (tests/fuzz) for FUZZ_SECONDS (default 60).  Its test log is
# build-sanitize/meson-logs/testlog.json, for tests/testlog-summary.py.
# Exit status: nonzero when a test failed or a sanitizer reported.
set -euo pipefail
cd "$(dirname "$0")/../.."

dir=build-sanitize
seconds=${FUZZ_SECONDS:-60}
if [ ! -d "$dir" ]; then
  CC=clang CXX=clang++ meson setup "$dir" -Dbuildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false -Dgimp=disabled \
    -Dfuzz=true -Dfuzz_seconds="$seconds" >/dev/null
fi
# Only what the suites run: the reference suite and the plug-in are left
# to the ordinary build.
ninja -C "$dir" -j "$(nproc)"

# Undefined behaviour is an error, not a warning.  libtorch's allocator is
# asked for absurd sizes on purpose (tests/core/test-memory.cpp): that must
# fail as an exception, not stop the process.
# exitcode 86: a report is never mistaken for an expected failure (1, 2).
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86
export ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1:exitcode=86
export LSAN_OPTIONS=suppressions=$PWD/tests/sanitize/lsan.supp:print_suppressions=0
status=0
meson test -C "$dir" --print-errorlogs --num-processes 1 \
  --suite core --suite weights --suite cli --suite fuzz || status=$?
exit "$status"
