#!/usr/bin/env python3
"""Where nst_weights_find looks: an explicit path, then $NST_WEIGHTS, then
$XDG_DATA_HOME/gimp-neural-style/vgg19.safetensors (~/.local/share when
XDG_DATA_HOME is unset or relative), then the install's data directory;
and what it says when a named file is missing or nothing is found.

HOME and XDG_DATA_HOME point into a temporary directory, so the files of
whoever runs the tests never interfere.

usage: search_order.py WEIGHTS-PROBE
"""

import os
import sys
import tempfile

from stfile import Checks, probe

NAME = "gimp-neural-style/vgg19.safetensors"


def touch(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "wb").close()
    return path


def main(program):
    checks = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        home = os.path.join(tmp, "home")
        xdg = os.path.join(tmp, "xdg")
        in_home = os.path.join(home, ".local/share", NAME)
        in_xdg = os.path.join(xdg, NAME)
        env_file = touch(os.path.join(tmp, "env.safetensors"))
        explicit = touch(os.path.join(tmp, "explicit.safetensors"))
        missing = os.path.join(tmp, "missing.safetensors")
        base = {k: v for k, v in os.environ.items()
                if k not in ("NST_WEIGHTS", "XDG_DATA_HOME")}
        base["HOME"] = home

        def find(*args, **env):
            return probe(program, "find", *args, env=dict(base, **env))

        # Nothing anywhere (unless the install's data directory has it).
        code, text = find()
        if code == "ok":
            checks.check(text.endswith("/" + NAME) and tmp not in text,
                         "nothing in HOME: only the data directory (%s)"
                         % text)
        else:
            checks.check(code == "NST_ERROR_WEIGHTS" and in_home in text
                         and "nst-download-weights" in text
                         and "NST_WEIGHTS" in text,
                         "nothing found: the message lists %s, says to run "
                         "nst-download-weights or set NST_WEIGHTS\n      %s"
                         % (in_home, text))
            code, text = find(XDG_DATA_HOME=xdg)
            checks.check(code == "NST_ERROR_WEIGHTS" and in_xdg in text
                         and in_home not in text,
                         "nothing found with XDG_DATA_HOME: lists %s" % in_xdg)

        touch(in_home)
        checks.check(find() == ("ok", in_home),
                     "XDG_DATA_HOME unset: ~/.local/share")
        checks.check(find(XDG_DATA_HOME="") == ("ok", in_home),
                     "XDG_DATA_HOME empty: ~/.local/share")
        checks.check(find(XDG_DATA_HOME="relative/dir") == ("ok", in_home),
                     "XDG_DATA_HOME relative: ignored, ~/.local/share")
        touch(in_xdg)
        checks.check(find(XDG_DATA_HOME=xdg) == ("ok", in_xdg),
                     "XDG_DATA_HOME set: it, before ~/.local/share")
        checks.check(find(XDG_DATA_HOME=xdg, NST_WEIGHTS="")
                     == ("ok", in_xdg), "NST_WEIGHTS empty: ignored")
        checks.check(find(XDG_DATA_HOME=xdg, NST_WEIGHTS=env_file)
                     == ("ok", env_file), "NST_WEIGHTS before XDG_DATA_HOME")
        checks.check(find(explicit, XDG_DATA_HOME=xdg, NST_WEIGHTS=env_file)
                     == ("ok", explicit), "explicit path before NST_WEIGHTS")
        checks.check(find("", XDG_DATA_HOME=xdg, NST_WEIGHTS=env_file)
                     == ("ok", env_file), "explicit empty path: ignored")

        # A file named by the user must exist: no silent fallback.
        code, text = find(XDG_DATA_HOME=xdg, NST_WEIGHTS=missing)
        checks.check(code == "NST_ERROR_WEIGHTS" and "NST_WEIGHTS" in text
                     and missing in text and "No such file" in text,
                     "NST_WEIGHTS missing: an error naming it\n      " + text)
        code, text = find(missing, XDG_DATA_HOME=xdg, NST_WEIGHTS=env_file)
        checks.check(code == "NST_ERROR_WEIGHTS" and missing in text
                     and "nst-download-weights" in text,
                     "explicit path missing: an error naming it\n      "
                     + text)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
