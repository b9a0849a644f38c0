#!/usr/bin/env python3
"""reopen-test.py: the filter keeps working after its first run, used as a
user uses it, in a real GIMP 2.10 or 3.0 with its GUI.

Starts GIMP on a virtual 1366x768 screen (Xvfb) with a throwaway profile
holding the built plug-in, and opens an image with two layers (content and
style).  Then, from outside like a user, with xdotool:
  1. Filters ▸ Artistic ▸ Neural Style… (the menu, by its mnemonics): the
     dialog opens; a few iterations at the layer's own size; OK;
  2. the same menu entry again: the dialog opens; OK;
  3. Filters ▸ Repeat (Ctrl+F): the filter runs on the last values;
  4. Filters ▸ Re-Show (Shift+Ctrl+F): the dialog opens; OK;
  5. GIMP quits; a new GIMP with the same profile opens the image again,
     and the menu entry opens the dialog; OK.
Each step must add one result layer (GIMP's window title counts them), and
GIMP's output (where -c, --console-messages, puts every message that would
otherwise be a message box: "Calling error for …") must hold no error and
no GLib warning or critical.

  reopen-test.py --plugin BUILT_PLUGIN --gimp gimp-2.10|gimp-3.0

Exits 77 (skipped) when xvfb-run, xdotool or GIMP are missing.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SCREEN = (1366, 768)
DIALOG = "^Neural Style$"
# What must not appear in GIMP's output: a failed call of the plug-in, as
# GIMP reports it, and any GLib warning or critical of the plug-in's
# process (GLib names it "(gimp-neural-style:PID)").  GIMP's own plug-ins
# warn about their resources on a bare profile; that is not ours.
BAD = re.compile(r"Calling error|execution error|neural.style.*(fail|error)|"
                 r"\(gimp-neural-style:\d+\): .*(WARNING|CRITICAL)|"
                 r"property 'style", re.I)

SCHEME_2 = r"""
(let* ((image (car (gimp-file-load RUN-NONINTERACTIVE "@CONTENT@" "@CONTENT@")))
       (drawable (car (gimp-image-get-active-drawable image)))
       (style (car (gimp-file-load-layer RUN-NONINTERACTIVE image "@STYLE@"))))
  (gimp-image-insert-layer image style 0 -1)
  (gimp-image-set-active-layer image drawable)
  (gimp-image-clean-all image)
  (gimp-display-new image)
  (gimp-displays-flush))
"""

SCHEME_3 = r"""
(script-fu-use-v3)
(let* ((image (gimp-file-load RUN-NONINTERACTIVE "@CONTENT@"))
       (content (vector-ref (gimp-image-get-selected-drawables image) 0))
       (style (gimp-file-load-layer RUN-NONINTERACTIVE image "@STYLE@")))
  (gimp-image-insert-layer image style 0 -1)
  (gimp-image-set-selected-layers image (vector content))
  (gimp-image-clean-all image)
  (gimp-display-new image)
  (gimp-displays-flush))
"""


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


def xdotool(*args):
    return subprocess.run(["xdotool", *args], capture_output=True,
                          text=True).stdout


def wait_for(what, seconds, step=0.5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = what()
        if found:
            return found
        time.sleep(step)
    return None


class Gimp:
    """One GIMP session with the test image open."""

    def __init__(self, args, profile, log_path):
        data = os.environ["NST_TEST_DATA"]
        scheme = SCHEME_3 if args.api == "3.0" else SCHEME_2
        scheme = (scheme.replace("@CONTENT@", os.path.join(data, "content-64.png"))
                        .replace("@STYLE@", os.path.join(data, "style-48.png")))
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("LC_") and k != "LANGUAGE"}
        env.update(LANG="C.UTF-8", OMP_NUM_THREADS="1",
                   NST_WEIGHTS=os.environ["NST_TEST_WEIGHTS"])
        env["GIMP3_DIRECTORY" if args.api == "3.0" else "GIMP2_DIRECTORY"] = \
            profile
        argv = [args.gimp, "-n", "-d", "-f", "-c", "--no-splash"]
        if args.api == "3.0":
            argv += ["--batch-interpreter", "plug-in-script-fu-eval"]
        self.log = open(log_path, "a")
        self.proc = subprocess.Popen(argv + ["-b", scheme], env=env,
                                     stdout=self.log,
                                     stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def running(self):
        return self.proc.poll() is None

    def stop(self):
        if self.running():
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def image_window():
    """The image window: its title counts the layers ("…, 2 layers)")."""
    found = xdotool("search", "--onlyvisible", "--name",
                    r"[0-9]+ layers?\)").split()
    return found[0] if found else None


def layer_count(window):
    found = re.search(r"(\d+) layers?", xdotool("getwindowname", window))
    return int(found.group(1)) if found else None


def plugin_running(session):
    """Whether this GIMP's gimp-neural-style process exists (it ends with
    its run; GIMP's session holds its plug-ins, not other tests')."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if (os.readlink(f"/proc/{pid}/exe").endswith("/gimp-neural-style")
                    and os.getsid(int(pid)) == session):
                return True
        except OSError:
            pass
    return False


def screenshot(name):
    """The screen at a failure, for whoever reads the log."""
    if shutil.which("import"):
        path = os.path.join(os.environ.get("NST_BUILD_ROOT", "."), "tests",
                            f"reopen-{name.replace(' ', '-')}.png")
        subprocess.run(["import", "-window", "root", path])
        print(f"(screenshot: {path})")


def dialog():
    found = xdotool("search", "--onlyvisible", "--name", DIALOG).split()
    return found[0] if found else None


def keys(window, *names):
    xdotool("windowfocus", "--sync", window)
    time.sleep(0.3)
    for name in names:
        xdotool("key", "--clearmodifiers", name)
        time.sleep(0.6)


def open_from_menu(window):
    """Filte_rs ▸ _Artistic ▸ _Neural Style…"""
    keys(window, "alt+r", "a", "n")


def type_into(window, mnemonic, text):
    keys(window, "alt+" + mnemonic)
    xdotool("key", "ctrl+a")
    xdotool("type", "--delay", "50", text)
    time.sleep(0.3)


def run_dialog(window, first):
    """OK in the dialog; the first time with a short run set up."""
    if first:
        type_into(window, "i", "3")
        type_into(window, "z", "0")
        keys(window, "Tab")
    keys(window, "Return")


def step(name, gimp, image, layers, action, expect_dialog, first=False):
    """Does `action`; expects the dialog (then presses OK) or a direct run;
    then one more layer.  Returns a failure or None."""
    action(image)
    if expect_dialog:
        window = wait_for(dialog, 60)
        if not window:
            screenshot(name)
            return f"{name}: the dialog did not open"
        time.sleep(2)
        run_dialog(window, first)
    else:
        wait_for(lambda: plugin_running(gimp.proc.pid), 10, 0.2)
    done = wait_for(lambda: not dialog() and
                    not plugin_running(gimp.proc.pid) and
                    layer_count(image) == layers + 1, 180, 1)
    if not done:
        screenshot(name)
        return (f"{name}: {layer_count(image)} layers after it, not "
                f"{layers + 1}")
    time.sleep(1)
    return None


# GIMP 3.0 says so on every save of the last values: it cannot serialize
# the styles, which the plug-in therefore remembers by reference.
KNOWN = re.compile(r"couldn't serialize property .*::styles of type "
                   r"GimpCoreObjectArray")


def problems(log_path):
    with open(log_path, errors="replace") as f:
        lines = f.read().splitlines()
    return [line for line in lines if BAD.search(line)
            and not KNOWN.search(line)]


def session(args, profile, log_path, steps):
    gimp = Gimp(args, profile, log_path)
    failures = []
    try:
        image = wait_for(image_window, 240, 1)
        if not image:
            screenshot("start")
            names = [xdotool("getwindowname", w).strip() for w in
                     xdotool("search", "--onlyvisible", "--name", ".").split()]
            return [f"the image window never appeared; windows: {names}"]
        time.sleep(3)
        layers = layer_count(image)
        for name, action, expect_dialog, first in steps:
            failure = step(name, gimp, image, layers, action, expect_dialog,
                           first)
            if failure:
                failures.append(failure)
                break
            layers += 1
            print(f"ok   {name}")
    finally:
        gimp.stop()
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--gimp", default="")
    parser.add_argument("--api", choices=("2.10", "3.0"), required=True)
    parser.add_argument("--inner", action="store_true",
                        help=argparse.SUPPRESS)  # run inside xvfb-run
    args = parser.parse_args()

    if not args.inner:
        for tool in ("xvfb-run", "Xvfb", "xauth", "xdotool"):
            if not shutil.which(tool):
                skip(f"{tool} is not installed")
        if not args.gimp or not shutil.which(args.gimp):
            skip("GIMP is not installed")
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s",
                               f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24",
                               sys.executable, *sys.argv, "--inner"])

    tmp = tempfile.mkdtemp(prefix="nst-reopen-")
    profile = os.path.join(tmp, "profile")
    folder = os.path.join(profile, "plug-ins", "gimp-neural-style")
    os.makedirs(folder)
    os.makedirs(os.path.join(profile, "gradients"))
    os.symlink(os.path.abspath(args.plugin),
               os.path.join(folder, "gimp-neural-style"))
    if args.api == "3.0":
        # No welcome dialog in front of the image window.
        with open(os.path.join(profile, "gimprc"), "w") as f:
            f.write("(show-welcome-dialog no)\n")
        # GIMP 3 looks for a plug-in's catalogs in locale/ beside it.
        os.symlink(os.path.join(os.environ["NST_BUILD_ROOT"], "po"),
                   os.path.join(folder, "locale"))
    log_path = os.path.join(tmp, "gimp.log")

    menu = open_from_menu
    failures = session(args, profile, log_path, [
        ("menu", menu, True, True),
        ("menu again", menu, True, False),
        ("repeat", lambda w: keys(w, "ctrl+f"), False, False),
        ("re-show", lambda w: keys(w, "shift+ctrl+f"), True, False),
    ])
    if not failures:
        # GIMP 2.10 keeps the images of a killed session for recovery and
        # would ask about them first.
        shutil.rmtree(os.path.join(profile, "backups"), ignore_errors=True)
        failures = session(args, profile, log_path, [
            # GIMP 2.10 keeps last values for its session only: set up a
            # short run again.
            ("menu in a new session", menu, True, args.api == "2.10"),
        ])
    failures += [f"GIMP said: {line}" for line in problems(log_path)]

    with open(log_path, errors="replace") as f:
        text = f.read()
    shutil.rmtree(tmp, ignore_errors=True)
    for failure in failures:
        print("FAIL " + failure)
    if failures:
        print("--- GIMP's output ---\n" + text)
        sys.exit(1)
    print("ok   the filter opened and ran from the menu, Repeat, Re-Show "
          "and a new session, without an error")


if __name__ == "__main__":
    main()
