#!/usr/bin/env python3
"""dialog-test.py: the GIMP 3.0 dialog in a real GIMP with its GUI.

Runs gimp-3.0 on a virtual 1366x768 screen (Xvfb, through xvfb-run) with a
throwaway profile holding the built plug-in, opens an image with two layers
(content and style) and calls plug-in-neural-style RUN-INTERACTIVE from
Script-Fu.  Then, from outside like a user: finds the dialog with xdotool,
lets the live preview run, saves a screenshot and presses Escape (Cancel).
Passes when the dialog fitted the screen, closed, and left the image as it
was (no layer added).

  dialog-test.py --plugin BUILT_PLUGIN --gimp gimp-3.0 [--screenshot PNG]

Exits 77 (skipped) when xvfb-run, xdotool or ImageMagick's import are
missing.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SCREEN = (1366, 768)

SCHEME = r"""
(script-fu-use-v3)
(gimp-message-set-handler CONSOLE)
(let* ((image (gimp-file-load RUN-NONINTERACTIVE "@CONTENT@"))
       (content (vector-ref (gimp-image-get-selected-drawables image) 0))
       (style (gimp-file-load-layer RUN-NONINTERACTIVE image "@STYLE@")))
  (gimp-image-insert-layer image style 0 -1)
  (gimp-image-set-selected-layers image (vector content))
  (gimp-display-new image)
  (gimp-displays-flush)
  (gimp-message (string-append "NST|layers-before|" (number->string
    (vector-length (gimp-image-get-layers image)))))
  ; Cancel makes the call fail: catch that and go on.
  (set! *error-hook* (lambda args (throw)))
  (catch #f
    (plug-in-neural-style #:run-mode RUN-INTERACTIVE #:image image
                          #:drawables (vector content)
                          #:styles (vector style) #:style-blend (vector 1.0)))
  (gimp-message (string-append "NST|layers-after|" (number->string
    (vector-length (gimp-image-get-layers image)))))
  (gimp-quit #t))
"""


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


def xdotool(*args):
    return subprocess.run(["xdotool", *args], capture_output=True,
                          text=True).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--gimp", required=True)
    parser.add_argument("--screenshot", help="where to save the dialog")
    parser.add_argument("--inner", action="store_true",
                        help=argparse.SUPPRESS)  # run inside xvfb-run
    args = parser.parse_args()

    if not args.inner:
        for tool in ("xvfb-run", "Xvfb", "xauth", "xdotool", "import"):
            if not shutil.which(tool):
                skip(f"{tool} is not installed")
        # xvfb-run -a: a free display; the screen the dialog must fit.
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s",
                               f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24",
                               sys.executable, *sys.argv, "--inner"])

    tmp = tempfile.mkdtemp(prefix="nst-dialog3-")
    profile = os.path.join(tmp, "profile")
    folder = os.path.join(profile, "plug-ins", "gimp-neural-style")
    os.makedirs(folder)
    os.symlink(os.path.abspath(args.plugin),
               os.path.join(folder, "gimp-neural-style"))
    data = os.environ["NST_TEST_DATA"]
    scheme = (SCHEME.replace("@CONTENT@", os.path.join(data, "content-64.png"))
                    .replace("@STYLE@", os.path.join(data, "style-48.png")))
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k != "LANGUAGE"}
    env.update(GIMP3_DIRECTORY=profile, LANG="C.UTF-8", OMP_NUM_THREADS="1",
               NST_WEIGHTS=os.environ["NST_TEST_WEIGHTS"])
    log_path = os.path.join(tmp, "gimp.log")
    failures = []
    with open(log_path, "w") as log:
        gimp = subprocess.Popen(
            [args.gimp, "-n", "-d", "-f", "--no-splash",
             "--batch-interpreter", "plug-in-script-fu-eval", "-b", scheme],
            env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
        try:
            failures = drive(gimp, args, log_path)
        finally:
            if gimp.poll() is None:
                os.killpg(gimp.pid, 9)
            gimp.wait()

    with open(log_path, errors="replace") as f:
        text = f.read()
    reports = dict(re.findall(r"NST\|([^|]*)\|(\d+)", text))
    if not failures and (reports.get("layers-before") != "2" or
                         reports.get("layers-after") != "2"):
        failures.append("Cancel leaves the layers as they were (before: "
                        f"{reports.get('layers-before')}, after: "
                        f"{reports.get('layers-after')})")
    shutil.rmtree(tmp, ignore_errors=True)
    for failure in failures:
        print("FAIL " + failure)
    if failures:
        print("--- GIMP's output ---\n" + text)
        sys.exit(1)
    print("ok   the dialog fits the screen, and Cancel changes nothing")


def drive(gimp, args, log_path):
    """Finds the dialog, screenshots it and cancels it."""
    window = ""
    deadline = time.monotonic() + 180
    while not window and time.monotonic() < deadline and gimp.poll() is None:
        window = xdotool("search", "--name", "^Neural Style$").split()[:1]
        time.sleep(1)
    if not window:
        return ["the dialog never appeared"]
    window = window[0]
    time.sleep(20)  # the live preview shows a stylised frame

    geometry = xdotool("getwindowgeometry", "--shell", window)
    size = dict(line.split("=") for line in geometry.split())
    width, height = int(size["WIDTH"]), int(size["HEIGHT"])
    failures = []
    if width > SCREEN[0] or height > SCREEN[1]:
        failures.append(f"the dialog ({width}x{height}) does not fit a "
                        f"{SCREEN[0]}x{SCREEN[1]} screen")
    if args.screenshot:
        # The pointer, in the middle of the screen, would pop up a tooltip.
        xdotool("mousemove", str(SCREEN[0] - 1), str(SCREEN[1] - 1))
        time.sleep(1)
        subprocess.run(["import", "-window", window, args.screenshot],
                       check=True)

    # No window manager on Xvfb: focus the dialog and type as a user does.
    xdotool("windowfocus", "--sync", window)
    xdotool("key", "Escape")

    deadline = time.monotonic() + 60
    while gimp.poll() is None and time.monotonic() < deadline:
        with open(log_path, errors="replace") as f:
            if "NST|layers-after|" in f.read():
                break
        time.sleep(1)
    return failures


if __name__ == "__main__":
    main()
