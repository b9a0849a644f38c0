#!/usr/bin/env python3
"""The loader reads the right numbers: every value of the convolutions it
returns equals, exactly, what the generator wrote (F16 and BF16 widened to
float32), with or without a name prefix, and it returns exactly the
convolutions up to the deepest one asked for.

usage: loaded_values.py WEIGHTS-DUMP
"""

import os
import subprocess
import sys
import tempfile

import numpy as np

from stfile import GENERATOR, Checks, generate

sys.path.insert(0, os.path.dirname(GENERATOR))
import make_synthetic_weights as synthetic  # noqa: E402

ALL = [index for index, _, _ in synthetic.VGG19_CONVS]


def expected(dtype, deepest):
    """What the loader must return: the generator's values as stored."""
    parts = []
    for _, array in synthetic.conv_tensors(1, deepest):
        raw = synthetic.encode(array, dtype)
        if dtype == "F32":
            parts.append(np.frombuffer(raw, "<f4"))
        elif dtype == "F16":
            parts.append(np.frombuffer(raw, "<f2").astype(np.float32))
        else:
            bits = np.frombuffer(raw, "<u2").astype(np.uint32) << 16
            parts.append(bits.view(np.float32))
    return np.concatenate(parts)


def dump(program, path, deepest, out):
    result = subprocess.run([program, path, str(deepest), out],
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise AssertionError("weights-dump %s %d failed (%d):\n%s%s"
                             % (path, deepest, result.returncode,
                                result.stdout, result.stderr))
    return [int(line) for line in result.stdout.split()]


def main(program):
    checks = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "dump.f32")
        files = [("F32", os.environ["NST_TEST_WEIGHTS"], 28)]
        for dtype, name, options in [
                ("F16", "f16", ["--dtype", "F16"]),
                ("BF16", "bf16", ["--dtype", "BF16"]),
                ("F32", "prefixed", ["--prefix", "vgg."])]:
            path = generate(os.path.join(tmp, name + ".safetensors"),
                            *options)
            files.append((dtype, path, 7))
        for dtype, path, deepest in files:
            indices = dump(program, path, deepest, out)
            got = np.fromfile(out, np.float32)
            want = expected(dtype, deepest)
            name = "%s %s" % (dtype, os.path.basename(path))
            checks.check(indices == [i for i in ALL if i <= deepest],
                         "%s: convolutions 0 … %d returned" % (name, deepest))
            checks.check(got.shape == want.shape
                         and np.array_equal(got, want),
                         "%s: %d values read exactly" % (name, want.size))

        weights = os.environ["NST_TEST_WEIGHTS"]
        for deepest, want in [(0, [0]), (1, [0]), (20, ALL[:9]),
                              (34, ALL)]:
            got = dump(program, weights, deepest, out)
            checks.check(got == want, "up to features.%d: convolutions %s"
                         % (deepest, got))
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
