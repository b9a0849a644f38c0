#!/bin/sh
# Runs a command on a virtual X screen of 1366×768 (the smallest screen the
# dialog must fit) with a throwaway GIMP profile.  Exits 77 (skipped) when
# Xvfb is not installed.
for tool in xvfb-run Xvfb xauth; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (Debian packages xvfb and xauth)"
    exit 77
  fi
done

GIMP2_DIRECTORY=$(mktemp -d) || exit 1
export GIMP2_DIRECTORY
trap 'rm -rf "$GIMP2_DIRECTORY"' EXIT

xvfb-run -a -s "-screen 0 1366x768x24" "$@"
