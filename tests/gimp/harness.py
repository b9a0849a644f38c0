"""harness.py: GIMP batch tests of the plug-in, the common part.

Runs a group of Script-Fu cases in one gimp-console (GIMP's start-up costs
seconds) with a throwaway profile holding the built plug-in, then checks
each case on its own: what it reported on stderr ("NST|case|key|value",
see lib.scm) and the PNG files it saved.  gimp-console exits 0 whatever
happens, so nothing here looks at its exit status.

A test module lists its cases as (name, scheme_body, check) and calls
run_cases(); check(case) receives a Case and uses case.expect().
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import traceback

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
REPORT = re.compile(r"NST\|([^|]*)\|([^|]*)\|(.*)$")


def scheme_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def readme_example(source_root, marker, images,
                   work=("200 512", "3 0")):
    """The README's Scheme example that follows `marker`, made to run on
    the test pictures: its photo and painting become content-64.png and
    style-48.png of `images`, and its 200 evaluations at 512 px (work:
    as the example writes them, and their replacement) become 3 at the
    picture's own size.  Everything else runs as the README has it."""
    with open(os.path.join(source_root, "README.md")) as f:
        text = f.read()
    found = re.search(r"```scheme\n(.*?)```", text[text.index(marker):], re.S)
    block = found.group(1)
    for old, new in (('"photo.png"', os.path.join(images, "content-64.png")),
                     ('"painting.jpg"', os.path.join(images, "style-48.png")),
                     work):
        if old not in block:
            raise SystemExit(f"README.md: the Scheme example after {marker} "
                             f"no longer has {old}: update {__file__}")
        block = block.replace(old, new if (old, new) == work
                              else scheme_string(new))
    return block


class Case:
    """What one case reported, and the checks made of it."""

    def __init__(self, batch, name, reports, log):
        self.batch = batch
        self.name = name
        self.reports = reports
        self.log = log
        self.failures = []

    def has(self, key):
        return key in self.reports

    def get(self, key):
        if key not in self.reports:
            raise AssertionError(f"the case reported no {key!r}")
        return self.reports[key]

    def number(self, key):
        return float(self.get(key))

    def numbers(self, key):
        return [float(v) for v in self.get(key).split()]

    def expect(self, condition, what):
        if not condition:
            self.failures.append(what)

    def image(self, file):
        """A PNG the case saved, as float32 array (height, width, channels)
        in 0-255, grey pictures with one channel."""
        path = os.path.join(self.batch.out, file)
        if not os.path.exists(path):
            raise AssertionError(f"the case saved no {file}")
        with Image.open(path) as im:
            pixels = np.asarray(im).astype(np.float32)
        if pixels.ndim == 2:
            pixels = pixels[:, :, None]
        return pixels

    def source_image(self, file):
        with Image.open(os.path.join(self.batch.images, file)) as im:
            return np.asarray(im).astype(np.float32)


class Batch:
    def __init__(self):
        parser = argparse.ArgumentParser()
        parser.add_argument("--plugin", required=True,
                            help="the built gimp-neural-style binary")
        parser.add_argument("--gimp", required=True,
                            help="gimp-console-2.10")
        parser.add_argument("--hooks-plugin",
                            help="the test plug-in of hooks-plugin.c, "
                            "installed beside ours")
        parser.add_argument("--keep", action="store_true",
                            help="keep the temporary folder")
        parser.add_argument("--verbose", action="store_true",
                            help="print GIMP's whole output")
        self.args = parser.parse_args()
        self.images = os.environ["NST_TEST_DATA"]
        self.weights = os.environ["NST_TEST_WEIGHTS"]
        self.source_root = os.environ["NST_SOURCE_ROOT"]
        self.tmp = tempfile.mkdtemp(prefix="nst-gimp-")
        self.out = os.path.join(self.tmp, "out")
        self.profile = os.path.join(self.tmp, "profile")
        os.makedirs(self.out)
        self.make_profile()
        self.log = ""

    def make_profile(self):
        # GIMP saves its gradients at exit and complains when the folder of
        # a fresh profile is missing.
        os.makedirs(os.path.join(self.profile, "gradients"))
        # A fresh profile makes GIMP query every plug-in it has, seconds of
        # start-up: start from the registrations an earlier test saved.
        # GIMP re-queries whatever changed since (it keys them by mtime).
        if os.path.exists(self.pluginrc_cache()):
            shutil.copy(self.pluginrc_cache(), self.profile)
        self.install_plugin(self.args.plugin, "gimp-neural-style")
        if self.args.hooks_plugin:
            self.install_plugin(self.args.hooks_plugin,
                                "test-neural-style-hooks")

    def install_plugin(self, path, name):
        """Puts a plug-in where GIMP looks: plug-ins/<name>/<name>."""
        folder = os.path.join(self.profile, "plug-ins", name)
        os.makedirs(folder)
        os.symlink(os.path.abspath(path), os.path.join(folder, name))

    def pluginrc_cache(self):
        return os.path.join(os.environ["NST_BUILD_ROOT"], "tests",
                            "gimp-pluginrc")

    def save_pluginrc(self):
        mine = os.path.join(self.profile, "pluginrc")
        if os.path.exists(mine) and not os.path.exists(self.pluginrc_cache()):
            os.makedirs(os.path.dirname(self.pluginrc_cache()),
                        exist_ok=True)
            # Tests may run in parallel: never show a half-written file.
            partial = f"{self.pluginrc_cache()}.{os.getpid()}"
            shutil.copy(mine, partial)
            os.replace(partial, self.pluginrc_cache())

    def install_script(self, path):
        """Puts a Script-Fu file where GIMP's Script-Fu loads it at start."""
        scripts = os.path.join(self.profile, "scripts")
        os.makedirs(scripts, exist_ok=True)
        shutil.copy(path, scripts)

    # What differs between GIMPs; tests/gimp3/harness3.py sets GIMP 3's.
    dialect = ""  # Script-Fu before every command
    lib = os.path.join(HERE, "lib.scm")
    batch_options = ()  # gimp's options before the -b commands
    quit_options = ("-b", "(gimp-quit 0)")
    profile_variable = "GIMP2_DIRECTORY"

    def pictures(self):
        """The folder GIMP loads the test pictures from."""
        return self.images

    def prelude(self):
        """Script-Fu that defines the folders and loads lib.scm."""
        return (f"{self.dialect}"
                f"(define nst-images {scheme_string(self.pictures())}) "
                f"(define nst-out {scheme_string(self.out)}) "
                f"(define nst-weights {scheme_string(self.weights)}) "
                f"(load {scheme_string(self.lib)})")

    def environment(self, env=None):
        """GIMP's environment: the throwaway profile, messages in English,
        and one engine thread: the images are tiny, and OpenMP threads that
        spin against GIMP and other tests on a small machine cost ten times
        what they save."""
        full_env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C",
                        OMP_NUM_THREADS="1")
        full_env[self.profile_variable] = self.profile
        full_env.update(env or {})
        return full_env

    def run(self, commands, env=None, during=None):
        """Runs the Script-Fu commands, each after the prelude, in one
        gimp-console; returns its stderr and stdout.  during(process), if
        given, runs on a thread meanwhile."""
        # Each -b is evaluated afresh: every command gets the prelude.
        prelude = self.prelude()
        argv = [self.args.gimp, "-i", "-d", "-f", *self.batch_options]
        for command in commands:
            argv += ["-b", f"(begin {prelude} {command})"]
        argv += self.quit_options
        with subprocess.Popen(argv, env=self.environment(env),
                              stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True) as proc:
            if during:
                watcher = threading.Thread(target=during, args=(proc,))
                watcher.start()
            self.log = proc.communicate(timeout=600)[0]
            if during:
                watcher.join()
        return self.log

    def reports(self):
        """{case: {key: value}} from the log, and each case's log text."""
        reports, logs, current = {}, {}, None
        for line in self.log.splitlines():
            match = REPORT.search(line)
            if match:
                case, key, value = match.groups()
                if key == "begin":
                    current = case
                    reports[case] = {}
                    logs[case] = []
                reports.setdefault(case, {})[key] = value
            if current:
                logs[current].append(line)
        return reports, {k: "\n".join(v) for k, v in logs.items()}

    def finish(self, cases):
        self.save_pluginrc()
        failed = [case for case in cases if case.failures]
        for case in cases:
            if case.failures:
                print(f"FAIL {case.name}")
                for failure in case.failures:
                    print(f"     {failure}")
                print("     --- what GIMP printed during the case ---")
                print("     " + case.log.replace("\n", "\n     "))
            else:
                print(f"ok   {case.name}")
        if self.args.keep:
            print(f"(files kept in {self.tmp})")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)
        if failed or self.args.verbose:
            print("--- the whole gimp-console output ---")
            print(self.log)
        print(f"{len(cases) - len(failed)} of {len(cases)} cases passed")
        sys.exit(1 if failed else 0)


def check_case(case, check, raising):
    if case.has("crash"):
        case.failures.append(f"Script-Fu error: {case.get('crash')}")
    elif not case.has("end") and not raising:
        case.failures.append("the case never finished (see the log)")
    try:
        check(case)
    except Exception:  # a failed lookup or assertion inside the check
        case.failures.append(traceback.format_exc().strip())


def run_cases(cases, raising=(), batch=None, during=None):
    """Runs [(name, scheme_body, check)] in one gimp-console and checks
    them.  Cases in `raising` end with an error that nothing catches, to
    see what batch mode prints: each gets a -b command of its own."""
    batch = batch or Batch()
    body = " ".join(f"(nst-case {scheme_string(name)} (lambda () {scheme}))"
                    for name, scheme, _ in cases)
    commands = [body] + [
        f"(set! nst-case-name {scheme_string(name)}) "
        f"(nst-report \"begin\" \"\") {scheme}"
        for name, scheme, _ in raising]
    batch.run(commands, during=during)
    reports, logs = batch.reports()
    checked = []
    for group, is_raising in ((cases, False), (raising, True)):
        for name, _, check in group:
            case = Case(batch, name, reports.get(name, {}),
                        logs.get(name, ""))
            check_case(case, check, is_raising)
            checked.append(case)
    return batch, checked


def run_cli(*args):
    """The built CLI on the test weights, on one CPU thread as GIMP runs
    the plug-in in these tests (the thread count changes the order of float
    sums, which fixed-step L-BFGS amplifies), at one scale as lib.scm's
    arguments ask of the plug-in."""
    subprocess.run(
        [os.path.join(os.environ["NST_BUILD_ROOT"], "cli", "neural-style"),
         *args, "-q", "--weights", os.environ["NST_TEST_WEIGHTS"],
         "--device", "cpu", "--scales", "1"],
        check=True, env=dict(os.environ, OMP_NUM_THREADS="1"))


def expect_same_picture(case, ours, cli, what):
    """The plug-in's picture is the CLI's for the same pixels and settings:
    same engine, same inputs, one CPU thread each, so only the rounding to
    8 bits may differ, by a level.  Reading other pixels (a picture
    pre-shrunk by GEGL, as the plug-in once did) changes the optimisation's
    path and many pixels by far more."""
    case.expect(ours is not None and ours.shape == cli.shape,
                f"{what}: one size, {cli.shape}")
    if ours is None or ours.shape != cli.shape:
        return
    diff = np.abs(ours - cli)
    print(f"     {what}: mean {diff.mean():.3f}, max {diff.max():.0f} "
          f"levels")
    case.expect(diff.mean() <= 0.1 and diff.max() <= 2,
                f"{what}: equal, not mean {diff.mean():.2f}, max "
                f"{diff.max():.0f} levels apart")


def mean_change(a, b):
    """Mean absolute difference of two pictures, 0-255 levels."""
    return float(np.abs(a - b).mean())
