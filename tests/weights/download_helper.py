#!/usr/bin/env python3
"""nst-download-weights without a network: --from slims a full download
(classifier included) to the features.* tensors, byte for byte, in a file
the engine loads; a download that cannot connect, or a file that is not
VGG19, ends with status 1, a message saying how to do it by hand, and
nothing at --output; a good download is slimmed and installed (a local
server stands in for Hugging Face); existing weights are kept unless
--force.

usage: download_helper.py NST-DOWNLOAD-WEIGHTS WEIGHTS-PROBE
"""

import http.server
import os
import subprocess
import sys
import tempfile
import threading

from stfile import Checks, generate, probe, read_header


def run(helper, *args, home):
    env = dict(os.environ, HOME=home)
    env.pop("XDG_DATA_HOME", None)
    return subprocess.run([sys.executable, helper, *args], env=env,
                          capture_output=True, text=True, timeout=120)


class Server(http.server.BaseHTTPRequestHandler):
    """/good: a VGG19 file; /short: cut off mid-way; /page: HTML; else 404."""
    good = None

    def do_GET(self):
        if self.path == "/good":
            with open(self.good, "rb") as f:
                body = f.read()
        elif self.path == "/short":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"\0" * 1000)
            return
        elif self.path == "/page":
            body = b"<html><body>Sign in to download</body></html>"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def tensor_bytes(path, name):
    header, _ = read_header(path)
    with open(path, "rb") as f:
        start = 8 + int.from_bytes(f.read(8), "little")
        begin, end = header[name]["data_offsets"]
        f.seek(start + begin)
        return f.read(end - begin)


def main(helper, probe_program):
    checks = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        home = os.path.join(tmp, "home")
        full = generate(os.path.join(tmp, "model.safetensors"),
                        "--with-classifier", "--prefix", "model.",
                        "--dtype", "F16")
        out = os.path.join(tmp, "out", "vgg19.safetensors")

        result = run(helper, "--from", full, "--output", out, home=home)
        checks.check(result.returncode == 0 and out in result.stdout,
                     "--from: exit 0 and says where the file is\n      "
                     + result.stdout + result.stderr)
        header, data_size = read_header(out)
        names = sorted(k for k in header if k != "__metadata__")
        want = sorted("features.%d.%s" % (i, kind)
                      for i in (0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25,
                                28, 30, 32, 34)
                      for kind in ("weight", "bias"))
        checks.check(names == want,
                     "slim file: the 32 features tensors, prefix stripped, "
                     "no classifier")
        checks.check(all(tensor_bytes(out, n) == tensor_bytes(full, "model." + n)
                         for n in want),
                     "slim file: tensor bytes copied unchanged")
        checks.check((os.path.getsize(out) - data_size) % 8 == 0
                     and data_size == sum(e["data_offsets"][1]
                                          - e["data_offsets"][0]
                                          for k, e in header.items()
                                          if k != "__metadata__"),
                     "slim file: data 8-byte aligned, nothing else in it")
        checks.check(os.listdir(os.path.dirname(out)) == ["vgg19.safetensors"],
                     "no temporary file left beside it")
        checks.check(probe(probe_program, "load", out) == ("ok", ""),
                     "slim file loads through nst_model_load")

        # Already there: kept unless --force.
        before = os.stat(out)
        other = generate(os.path.join(tmp, "other.safetensors"))
        result = run(helper, "--from", other, "--output", out, home=home)
        checks.check(result.returncode == 0 and "--force" in result.stdout
                     and os.stat(out).st_mtime_ns == before.st_mtime_ns,
                     "existing weights kept without --force")
        result = run(helper, "--from", other, "--output", out, "--force",
                     home=home)
        checks.check(result.returncode == 0
                     and read_header(out)[0]["features.0.weight"]["dtype"]
                     == "F32", "--force replaces them")

        # Default destination: ~/.local/share when XDG_DATA_HOME is unset.
        result = run(helper, "--from", other, home=home)
        default = os.path.join(home, ".local/share/gimp-neural-style",
                               "vgg19.safetensors")
        checks.check(result.returncode == 0 and os.path.isfile(default),
                     "default output: " + default)

        # Failures leave nothing at --output.
        bad_out = os.path.join(tmp, "bad", "vgg19.safetensors")
        result = run(helper, "--url", "http://127.0.0.1:9/model.safetensors",
                     "--output", bad_out, home=home)
        checks.check(result.returncode == 1
                     and "127.0.0.1:9" in result.stderr
                     and "--from model.safetensors" in result.stderr
                     and "Traceback" not in result.stderr,
                     "no server: exit 1, says how to do it by hand\n      "
                     + result.stderr)
        checks.check(not os.path.exists(bad_out)
                     and os.listdir(os.path.dirname(bad_out)) == [],
                     "no server: nothing left in the output directory")

        Server.good = other
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = "http://127.0.0.1:%d/" % server.server_address[1]
        try:
            for path, words in [("missing", ["404"]),
                                ("short", ["1000", "100000"]),
                                ("page", ["not the expected one"])]:
                result = run(helper, "--url", url + path, "--output",
                             bad_out, home=home)
                checks.check(result.returncode == 1
                             and all(w in result.stderr for w in words)
                             and "--from model.safetensors" in result.stderr
                             and not os.path.exists(bad_out)
                             and os.listdir(os.path.dirname(bad_out)) == [],
                             "download of /%s: exit 1, says %s, nothing left"
                             "\n      %s" % (path, words, result.stderr))
            good_out = os.path.join(tmp, "good", "vgg19.safetensors")
            result = run(helper, "--url", url + "good", "--output", good_out,
                         home=home)
            checks.check(result.returncode == 0
                         and os.listdir(os.path.dirname(good_out))
                         == ["vgg19.safetensors"]
                         and probe(probe_program, "load", good_out)
                         == ("ok", ""),
                         "download: installed, big file removed, it loads\n"
                         "      " + result.stdout + result.stderr)
        finally:
            server.shutdown()

        cut = os.path.join(tmp, "cut.safetensors")
        with open(full, "rb") as src, open(cut, "wb") as dest:
            dest.write(src.read(1 << 20))
        result = run(helper, "--from", cut, "--output", bad_out, home=home)
        checks.check(result.returncode == 1 and "truncated" in result.stderr
                     and cut in result.stderr
                     and not os.path.exists(bad_out),
                     "truncated --from file: exit 1, nothing installed\n      "
                     + result.stderr)
        result = run(helper, "--from", helper, "--output", bad_out, home=home)
        checks.check(result.returncode == 1
                     and "not a safetensors file" in result.stderr
                     and not os.path.exists(bad_out),
                     "--from a file that is not safetensors: exit 1\n      "
                     + result.stderr)
        checks.check(os.listdir(os.path.dirname(bad_out)) == [],
                     "failures: no temporary file left behind")
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
