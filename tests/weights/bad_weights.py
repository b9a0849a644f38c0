#!/usr/bin/env python3
"""Broken weights files through nst_model_load: each one must give
NST_ERROR_WEIGHTS (never a crash) with a message that names the file and
the problem and says what to do; good files in every accepted form load.

usage: bad_weights.py WEIGHTS-PROBE
"""

import copy
import os
import struct
import sys
import tempfile

from stfile import (Checks, check_weights_error, generate, probe_all,
                    read_header, write)

NAN32 = struct.pack("<f", float("nan"))
INF_BF16 = struct.pack("<H", 0x7F80)


def broken_cases(tmp, header, data_size):
    """(name, path, words the message must contain) for every bad file."""
    def path(name):
        return os.path.join(tmp, name + ".safetensors")

    def edited(name, edit, size=data_size, patches=()):
        h = copy.deepcopy(header)
        edit(h)
        write(path(name), h, size, patches)
        return path(name)

    def raw(name, data):
        with open(path(name), "wb") as f:
            f.write(data)
        return path(name)

    yield "nonexistent", path("missing"), ["No such file"]
    os.mkdir(path("directory"))
    yield "directory", path("directory"), ["directory"]
    yield "empty", raw("empty", b""), ["empty"]
    yield "five bytes", raw("short", b"\x10\0\0\0\0"), ["not a safetensors"]
    yield ("header length larger than the file",
           raw("long-header", struct.pack("<Q", 1000) + b"{}" * 20),
           ["larger than the file"])
    yield ("header length absurd",
           raw("absurd-header", struct.pack("<Q", 1 << 62) + b"{}" * 20),
           ["absurd"])
    yield ("PNG file",
           raw("png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100), ["not a safetensors"])
    yield ("invalid JSON",
           raw("bad-json", struct.pack("<Q", 16) + b'{"features.0": [' + b"\0"),
           ["not valid JSON"])
    yield ("JSON not an object",
           raw("json-array", struct.pack("<Q", 8) + b"[1,2,3] "),
           ["not an object"])
    yield ("no VGG19 tensors",
           edited("no-features", lambda h: [h.pop(k) for k in list(h)
                                            if k.startswith("features.0.")]),
           ["features.0.weight"])
    def two_prefixes(h):
        h["a.features.0.weight"] = h["b.features.0.weight"] = h.pop(
            "features.0.weight")
    yield ("two prefixes", edited("two-prefixes", two_prefixes), ["several"])
    yield ("missing tensor",
           edited("missing-tensor", lambda h: h.pop("features.21.bias")),
           ["features.21.bias"])
    yield ("malformed entry",
           edited("malformed-entry",
                  lambda h: h.update({"features.2.bias": [1, 2]})),
           ["features.2.bias"])
    yield ("wrong shape",
           edited("wrong-shape", lambda h: h["features.0.weight"].update(
               shape=[64, 3, 5, 5])),
           ["[64, 3, 5, 5]", "expected [64, 3, 3, 3]"])
    yield ("wrong rank",
           edited("wrong-rank", lambda h: h["features.5.bias"].update(
               shape=[128, 1])),
           ["features.5.bias", "shape"])
    yield ("unsupported dtype",
           edited("dtype-i64", lambda h: h["features.0.weight"].update(
               dtype="I64")),
           ["I64", "F32, F16 or BF16"])
    yield ("offsets end before they begin",
           edited("offsets-reversed", lambda h: h["features.7.weight"].update(
               data_offsets=h["features.7.weight"]["data_offsets"][::-1])),
           ["features.7.weight", "data_offsets"])
    yield ("negative offset",
           edited("offsets-negative", lambda h: h["features.0.bias"].update(
               data_offsets=[-256, 0])),
           ["features.0.bias", "data_offsets"])
    yield ("fractional offset",
           edited("offsets-float", lambda h: h["features.0.bias"].update(
               data_offsets=[6912.5, 7168])),
           ["features.0.bias", "data_offsets"])
    yield ("offsets past the end of the file",
           edited("offsets-out", lambda h: h["features.28.weight"].update(
               data_offsets=[data_size, data_size + 512 * 512 * 9 * 4])),
           ["features.28.weight", "needs bytes"])
    yield ("size does not match the shape",
           edited("size-mismatch", lambda h: h["features.0.weight"].update(
               data_offsets=[0, 100])),
           ["features.0.weight", "6912 bytes"])
    yield ("truncated in a needed tensor",
           edited("truncated-half", lambda h: None, size=data_size // 2),
           ["truncated", "needs bytes"])
    yield ("truncated in a skipped tensor",
           edited("truncated-end", lambda h: None, size=data_size - 64),
           ["truncated"])
    yield ("NaN in features.28.weight",
           edited("nan", lambda h: None,
                  patches=[("features.28.weight", 4 * 1000, NAN32)]),
           ["NaN", "features.28.weight"])
    bf16 = generate(path("bf16-source"), "--dtype", "BF16")
    h16, size16 = read_header(bf16)
    write(path("inf-bf16"), h16, size16,
          patches=[("features.0.bias", 2 * 5, INF_BF16)])
    yield "infinity in BF16", path("inf-bf16"), ["infinite", "features.0.bias"]
    if os.geteuid() != 0:  # root reads any file
        locked = raw("unreadable", b"")
        os.chmod(locked, 0)
        yield "unreadable", locked, ["Permission denied"]


def good_cases(tmp, weights):
    yield "F32 (the test weights)", weights
    for dtype in ("F16", "BF16"):
        yield dtype, generate(os.path.join(tmp, dtype + ".safetensors"),
                              "--dtype", dtype)
    yield "prefixed model.", generate(os.path.join(tmp, "prefixed.safetensors"),
                                      "--prefix", "model.")
    yield "no __metadata__", generate(os.path.join(tmp, "nometa.safetensors"),
                                      "--no-metadata")
    yield "with the classifier", generate(
        os.path.join(tmp, "classifier.safetensors"), "--with-classifier")
    yield "only up to features.28", generate(
        os.path.join(tmp, "to28.safetensors"), "--deepest", "28")


def main(probe_program):
    weights = os.environ["NST_TEST_WEIGHTS"]
    header, data_size = read_header(weights)
    checks = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        broken = list(broken_cases(tmp, header, data_size))
        answers = probe_all(probe_program, "load", *[b[1] for b in broken])
        for (name, path, words), (code, message) in zip(broken, answers):
            check_weights_error(checks, name, path, words, code, message)
        good = list(good_cases(tmp, weights))
        answers = probe_all(probe_program, "load", *[g[1] for g in good])
        for (name, path), (code, message) in zip(good, answers):
            checks.check(code == "ok", "%s loads%s" % (
                name, "" if code == "ok" else ": %s %s" % (code, message)))
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
