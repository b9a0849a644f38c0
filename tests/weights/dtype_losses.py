#!/usr/bin/env python3
"""The same weights stored as F32, F16, BF16 or under a name prefix give the
engine's nst_job_evaluate the same losses on a small picture: exactly for
the prefix, within the rounding of the narrower types otherwise.

usage: dtype_losses.py WEIGHTS-PROBE
"""

import os
import sys
import tempfile

from stfile import Checks, generate, probe_all

# Relative error allowed against F32.  F16 keeps 11 significant bits and
# BF16 8; the rounding is unbiased, so it mostly cancels in the losses
# (measured: F16 1.4e-4, BF16 2.7e-4).  A misread value would be far off.
CASES = [("prefixed", ["--prefix", "model."], 1e-9),
         ("F16", ["--dtype", "F16"], 1e-3),
         ("BF16", ["--dtype", "BF16"], 5e-3)]


def main(program):
    checks = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.environ["NST_TEST_WEIGHTS"]]
        for name, options, _ in CASES:
            paths.append(generate(os.path.join(tmp, name + ".safetensors"),
                                  *options))
        answers = probe_all(program, "losses", *paths)
    for code, text in answers:
        if code != "ok":
            checks.check(False, "evaluate: %s %s" % (code, text))
            return checks.finish()
    reference = [float(v) for v in answers[0][1].split()]
    checks.check(all(v > 0 for v in reference),
                 "F32: content and style losses positive %s" % reference)
    for (name, _, tolerance), (_, text) in zip(CASES, answers[1:]):
        got = [float(v) for v in text.split()]
        errors = [abs(g - r) / r for g, r in zip(got, reference)]
        checks.check(max(errors) <= tolerance,
                     "%s: losses %s within %g of F32's (relative error %s)"
                     % (name, got, tolerance,
                        ", ".join("%.2g" % e for e in errors)))
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
