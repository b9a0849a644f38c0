#!/usr/bin/env python3
"""Counts meson test logs (testlog.json) into the line CI reads:
"[LABEL: ]N passed, N failed, N skipped".

Several logs are summed: the host's and the Debian 13 chroot's
(tests/gimp3/chroot.sh).  A log that does not exist counts as one failure:
its stage never got to run its tests.
"""

import argparse
import json
import os
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--label", help="a word put before the counts")
parser.add_argument("logs", nargs="+", help="meson-logs/testlog.json files")
args = parser.parse_args()

passed = failed = skipped = 0
for path in args.logs:
    if not os.path.exists(path):
        print(f"{path}: missing, counted as one failure (its stage did not "
              f"get to run its tests)", file=sys.stderr)
        failed += 1
        continue
    with open(path) as log:
        for line in log:
            result = json.loads(line)["result"]
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1

prefix = f"{args.label}: " if args.label else ""
print(f"{prefix}{passed} passed, {failed} failed, {skipped} skipped")
