#!/usr/bin/env python3
"""Weights files made to hurt: JSON nested beyond reason, huge strings,
numbers beyond a double, special files.  Each must give NST_ERROR_WEIGHTS
(never a crash, a hang or "a bug") with a short message that names the file
and the problem and quotes the file only as a short escaped excerpt.

usage: hostile_weights.py WEIGHTS-PROBE
"""

import copy
import os
import struct
import sys
import tempfile

from stfile import (Checks, check_weights_error, probe_all, read_header,
                    write)

# The longest message expected: the fixed text plus the path and a short
# excerpt, far below anything that echoes the file.
MAX_MESSAGE = 700


def hostile_cases(tmp, header, data_size):
    """(name, path, words the message must contain)."""
    def path(name):
        return os.path.join(tmp, name + ".safetensors")

    def edited(name, edit):
        h = copy.deepcopy(header)
        edit(h)
        write(path(name), h, data_size)
        return path(name)

    def raw_header(name, text):
        write(path(name), header, data_size, header_bytes=text)
        return path(name)

    def nested_shape(depth):
        return (b'{"features.0.weight": {"dtype": "F32", "shape": '
                + b"[" * depth + b"]" * depth
                + b', "data_offsets": [0, 6912]}}')

    # Deep enough to overflow the stack of anything recursive.
    yield ("shape nested 200000 deep", raw_header("deep", nested_shape(200000)),
           ["nests deeper"])
    # Shallow enough to parse everywhere; then the message quoted it whole.
    yield ("shape nested 2000 deep", raw_header("deep2000",
                                                nested_shape(2000)),
           ["nests deeper"])
    yield ("shape nested in the allowed depth",
           edited("nested-shape", lambda h: h["features.0.weight"].update(
               shape=[[[[[[[[64]]]]]]], 3, 3, 3])),
           ["features.0.weight", "invalid shape"])
    yield ("5 MB dtype",
           edited("huge-dtype", lambda h: h["features.0.weight"].update(
               dtype="Q" * 5_000_000)),
           ["features.0.weight", "QQQQ", "5000000 bytes"])
    yield ("control characters in the dtype",
           edited("control-dtype", lambda h: h["features.0.weight"].update(
               dtype="F\n32\x1b[31m")),
           ["F\\x0a32\\x1b[31m"])
    yield ("5 MB prefix",
           edited("huge-prefix", lambda h: h.update(
               {"P" * 5_000_000 + "features.0.weight":
                h.pop("features.0.weight")})),
           ["PPPP"])
    yield ("number 1e999", raw_header(
        "overflow", b'{"features.0.weight": {"dtype": "F32", "shape": [1e999]}}'),
           ["number out of range"])
    yield ("integer of 400 digits", raw_header(
        "digits", b'{"__metadata__": {"n": ' + b"9" * 400 + b"}}"),
           ["number out of range"])


def main(probe_program):
    weights = os.environ["NST_TEST_WEIGHTS"]
    header, data_size = read_header(weights)
    checks = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        cases = list(hostile_cases(tmp, header, data_size))
        fifo = os.path.join(tmp, "fifo.safetensors")
        os.mkfifo(fifo)
        cases.append(("FIFO", fifo, ["not a regular file"]))
        # A hang is a failure: the probe gets far less than the suite's
        # timeout.
        answers = probe_all(probe_program, "load", *[c[1] for c in cases],
                            timeout=60)
        for (name, path, words), (code, message) in zip(cases, answers):
            check_weights_error(checks, name, path, words, code, message)
            length = len(message) - len(path)
            checks.check(length <= MAX_MESSAGE,
                         "%s: message of %d characters besides the path "
                         "(at most %d)" % (name, length, MAX_MESSAGE))
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
