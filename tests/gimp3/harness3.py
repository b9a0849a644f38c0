"""harness3.py: the GIMP batch tests on GIMP 3.0.

The GIMP 2.10 suite (tests/gimp/) defines the cases and their checks; this
suite runs the same cases in gimp-console-3.0, with Script-Fu bodies
written for GIMP 3.0's API (tests/gimp3/lib.scm keeps the helpers' names
and reports), and checks them with the 2.10 suite's own check functions.
A case added to a 2.10 module without a GIMP 3 body fails here, so the two
suites cannot drift apart.
"""

import importlib
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GIMP2_TESTS = os.path.join(HERE, "..", "gimp")
sys.path.insert(0, GIMP2_TESTS)

import harness  # noqa: E402  (the 2.10 harness, found through sys.path)


# Chunks that describe a PNG's colour space.  GIMP 3 makes a colour
# profile of a PNG's gAMA and cHRM and composites through it; GIMP 2.10
# ignores them.  The test pictures carry gAMA 1/2.2 from the tool that wrote
# them: without these chunks both GIMPs see the same sRGB picture, and the
# 2.10 suite's checks (blends in sRGB's linear light) hold for both.
COLOUR_CHUNKS = {b"gAMA", b"cHRM", b"iCCP", b"sRGB"}


def copy_png_as_srgb(source, dest):
    with open(source, "rb") as f:
        data = f.read()
    out, i = [data[:8]], 8
    while i < len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        if kind not in COLOUR_CHUNKS:
            out.append(data[i:i + 12 + length])
        i += 12 + length
    with open(dest, "wb") as f:
        f.write(b"".join(out))


def link_catalogs(plugin_folder):
    """Makes the build's compiled catalogs (po/<lang>/LC_MESSAGES) the
    plug-in's locale/ folder, as meson installs them for GIMP 3."""
    os.symlink(os.path.join(os.environ["NST_BUILD_ROOT"], "po"),
               os.path.join(plugin_folder, "locale"))


class Batch3(harness.Batch):
    """A gimp-console-3.0 run with a throwaway GIMP 3 profile."""

    dialect = "(script-fu-use-v3) "
    lib = os.path.join(HERE, "lib.scm")
    # GIMP 3 needs the interpreter of -b named, and quits with --quit.
    batch_options = ("--batch-interpreter", "plug-in-script-fu-eval")
    quit_options = ("--quit",)
    profile_variable = "GIMP3_DIRECTORY"

    def __init__(self):
        super().__init__()
        # GIMP loads the pictures from an sRGB copy; the checks compare
        # with the originals, whose pixels are the same.
        srgb = os.path.join(self.tmp, "images")
        os.makedirs(srgb)
        for name in os.listdir(self.images):
            if name.endswith(".png"):
                copy_png_as_srgb(os.path.join(self.images, name),
                                 os.path.join(srgb, name))
        self.gimp_images = srgb

    def pictures(self):
        """The pictures' sRGB copies."""
        return self.gimp_images

    def install_plugin(self, path, name):
        """harness.Batch.install_plugin, with the built catalogs where
        GIMP 3 looks for a plug-in's own: locale/ beside it."""
        super().install_plugin(path, name)
        link_catalogs(os.path.join(self.profile, "plug-ins", name))

    def pluginrc_cache(self):
        """GIMP 3's registrations, kept apart from 2.10's."""
        return os.path.join(os.environ["NST_BUILD_ROOT"], "tests",
                            "gimp3-pluginrc")


def run_module(name, bodies, checks=None, raising=(), batch=None):
    """Runs the cases of tests/gimp/<name>.py with the GIMP 3 Script-Fu
    `bodies` ({case: scheme}) and exits with the result.  `checks`
    ({case: check}) replaces the 2.10 check where GIMP 3 rightly differs;
    `raising` are GIMP 3 cases that end in an uncaught error (see
    harness.run_cases)."""
    module = importlib.import_module(name)
    names = [case for case, _, _ in module.CASES]
    if set(names) != set(bodies):
        raise SystemExit(f"{name}: the GIMP 2.10 cases {sorted(names)} and "
                         f"the GIMP 3 bodies {sorted(bodies)} differ: give "
                         f"every case a body in tests/gimp3/{name}.py")
    checks = checks or {}
    cases = [(case, bodies[case], checks.get(case, check))
             for case, _, check in module.CASES]
    batch, checked = harness.run_cases(cases, raising=raising,
                                       batch=batch or Batch3())
    batch.finish(checked)
