"""Shared by the weights tests: safetensors files to break, and the probe.

The broken files keep a real header (from the synthetic weights) and get
their data as a hole (zeros) of the right size, so writing dozens of them
takes no time and no disk space.
"""

import json
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, os.pardir, "make_synthetic_weights.py")


def read_header(path):
    """(header dict, data size) of a well-formed safetensors file."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
    return header, os.path.getsize(path) - 8 - n


def write(path, header, data_size, patches=(), header_bytes=None):
    """Writes `header` (or the raw `header_bytes`) and `data_size` bytes of
    zeros; `patches` are (tensor name, byte offset within it, bytes)."""
    text = header_bytes
    if text is None:
        text = json.dumps(header, sort_keys=True).encode()
        text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text)
        f.truncate(8 + len(text) + data_size)
        for name, where, data in patches:
            f.seek(8 + len(text) + header[name]["data_offsets"][0] + where)
            f.write(data)


def generate(path, *options):
    """Synthetic weights through the generator the build uses."""
    subprocess.run([sys.executable, GENERATOR, "--out", path, "--seed", "1",
                    *options], check=True)
    return path


def probe_all(program, *args, env=None, timeout=300):
    """Runs weights-probe; for each call it made, ("ok", rest of the line)
    or (code name, message)."""
    result = subprocess.run([program, *args], capture_output=True, text=True,
                            env=env, timeout=timeout)
    if result.returncode < 0:
        raise AssertionError("%s %s died of signal %d\n%s"
                             % (program, " ".join(args), -result.returncode,
                                result.stderr))
    blocks = result.stdout.split("\n--\n")
    if result.returncode not in (0, 1) or blocks.pop() != "":
        raise AssertionError("%s %s: unexpected exit %d\n%s%s"
                             % (program, " ".join(args), result.returncode,
                                result.stdout, result.stderr))
    answers = []
    for block in blocks:
        first, _, rest = block.partition("\n")
        if first.startswith("ok"):
            answers.append(("ok", first[3:]))
        else:
            answers.append((first[len("error "):], rest))
    return answers


def probe(program, *args, env=None):
    """weights-probe for one call: (code name or "ok", message or output)."""
    (answer,) = probe_all(program, *args, env=env)
    return answer


def check_weights_error(checks, name, path, words, code, message):
    """The answer to a bad file: NST_ERROR_WEIGHTS, and a message that
    names the file, says the problem (`words`) and what to do."""
    checks.check(code == "NST_ERROR_WEIGHTS",
                 "%s: NST_ERROR_WEIGHTS (got %s)" % (name, code))
    missing = [w for w in [path, "nst-download-weights"] + words
               if w not in message]
    checks.check(not missing, "%s: message says %s%s"
                 % (name, json.dumps(words, ensure_ascii=False),
                    "" if not missing else
                    "\n      missing %s in: %.2000s" % (missing, message)))


class Checks:
    """Collects failures so one run reports every broken case."""

    def __init__(self):
        self.failed = []

    def check(self, ok, what):
        print(("ok    " if ok else "FAIL  ") + what)
        if not ok:
            self.failed.append(what)

    def finish(self):
        if self.failed:
            print("%d check(s) failed" % len(self.failed))
            return 1
        return 0
