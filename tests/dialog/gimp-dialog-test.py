"""gimp-dialog-test.py: the plug-in's dialog in a real GIMP with its GUI.

Starts gimp-2.10 on a virtual 1366x768 screen (Xvfb) with a throwaway
profile holding the built plug-in, opens an image with two layers (content
and style) and calls plug-in-neural-style RUN-INTERACTIVE from Script-Fu.
Then, from outside like a user: finds the dialog with xdotool, times the
preview's first pictures, checks the preview pane (Before, 100 %,
dragging, an error: view_checks.py, with the widgets' places from
--widgets-module) with two styles, each given a half of the layer as its
region, and saves a screenshot at 100 %, types the iterations,
the working size and the style weight through their mnemonics, presses
OK (its mnemonic) and waits.  Passes when the dialog fitted the screen, the pane
worked, a result layer appeared and the settings GIMP saved hold the typed
style weight and the chosen regions.

Exits 77 (skipped) when Xvfb, xdotool, ImageMagick's import or GIMP are
missing.
"""

import argparse
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

import view_checks

DIALOG_TITLE = "^Neural Style$"
SCREEN = (1366, 768)
# The layer the dialog paints, as it must name it (GIMP 2.10 calls an
# opened file's only layer "Background").
PAINTED = "content-64.png — Background"
REPORT = re.compile(r"NST\|([^|]*)\|(.*)$")

# Script-Fu: load, show, call the plug-in interactively, report what came
# out ("NST|key|value" messages, printed on stderr by the console handler).
SCHEME = r"""
(define (nst->string v)
  (cond ((string? v) v)
        ((number? v) (number->string v))
        ((vector? v) (nst->string (vector->list v)))
        ((pair? v) (let loop ((out (nst->string (car v))) (rest (cdr v)))
                     (if (null? rest) out
                         (loop (string-append out " " (nst->string (car rest)))
                               (cdr rest)))))
        (else "")))
(define (nst-report key value)
  (gimp-message (string-append "NST|" key "|" (nst->string value))))
; Interactive mode reads no values, but Script-Fu wants the exact count
; and types of the procedure's arguments: make them from its signature.
(define (nst-args image drawable style)
  (let loop ((i (- (list-ref (gimp-procedural-db-proc-info
                              "plug-in-neural-style") 6) 1))
             (out '()))
    (if (< i 0)
        out
        (let ((type (car (gimp-procedural-db-proc-arg
                          "plug-in-neural-style" i))))
          (loop (- i 1)
                (cons (cond ((= i 0) RUN-INTERACTIVE)
                            ((= type PDB-IMAGE) image)
                            ((= type PDB-DRAWABLE) drawable)
                            ((= type PDB-INT32ARRAY) (vector style))
                            ((= type PDB-FLOATARRAY) (vector 1.0))
                            ((= type PDB-STRING) "")
                            ((= type PDB-FLOAT) 1.0)
                            (else 1))
                      out))))))
(gimp-message-set-handler CONSOLE)
; Two channels, the content's halves, for the styles' regions.
(define (nst-half image name x)
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE x 0 32 43)
  (let ((channel (car (gimp-selection-save image))))
    (gimp-item-set-name channel name)
    channel))
(let* ((image (car (gimp-file-load RUN-NONINTERACTIVE "@CONTENT@" "@CONTENT@")))
       (drawable (car (gimp-image-get-active-drawable image)))
       (style2 (car (gimp-file-load-layer RUN-NONINTERACTIVE image "@STYLE2@")))
       (style (car (gimp-file-load-layer RUN-NONINTERACTIVE image "@STYLE@"))))
  (gimp-image-insert-layer image style2 0 -1)
  (gimp-image-insert-layer image style 0 -1)
  ; Each new channel goes on top: the menus list "Left", then "Right".
  (let* ((right (nst-half image "Right" 32))
         (left (nst-half image "Left" 0)))
    (nst-report "regions" (list left right)))
  (gimp-selection-none image)
  (gimp-image-set-active-layer image drawable)
  (gimp-display-new image)
  (gimp-displays-flush)
  (nst-report "layers-before" (car (gimp-image-get-layers image)))
  (nst-report "result"
              (car (apply plug-in-neural-style (nst-args image drawable style))))
  (nst-report "layers-after" (car (gimp-image-get-layers image)))
  (nst-report "settings"
              (cadr (gimp-procedural-db-get-data "plug-in-neural-style"))))
"""


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


def xdotool(*args):
    return subprocess.run(["xdotool", *args], capture_output=True,
                          text=True).stdout


class Gimp:
    """gimp-2.10 running the Script-Fu above, with its log."""

    def __init__(self, args, tmp):
        profile = os.path.join(tmp, "profile")
        folder = os.path.join(profile, "plug-ins", "gimp-neural-style")
        os.makedirs(folder)
        os.symlink(os.path.abspath(args.plugin),
                   os.path.join(folder, "gimp-neural-style"))
        # GIMP saves its gradients at exit and warns when the folder of a
        # fresh profile is missing.
        os.makedirs(os.path.join(profile, "gradients"))

        data = os.environ["NST_TEST_DATA"]
        scheme = (SCHEME.replace("@CONTENT@", os.path.join(data, "content-64.png"))
                        .replace("@STYLE@", os.path.join(data, "style-48.png"))
                        .replace("@STYLE2@", os.path.join(data, "style2-40.png")))
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("LC_") and k != "LANGUAGE"}
        env.update(GIMP2_DIRECTORY=profile, LANG="C.UTF-8",
                   NST_WEIGHTS=os.environ["NST_TEST_WEIGHTS"],
                   GTK_MODULES=os.path.abspath(args.widgets_module),
                   NST_MNEMONICS_TITLE="Neural Style")
        self.log_path = os.path.join(tmp, "gimp.log")
        self.log_file = open(self.log_path, "w")
        # gimp-quit with force: the image has unsaved changes, and GIMP
        # would otherwise ask whether to discard them.
        self.proc = subprocess.Popen(
            [args.gimp, "-n", "-d", "-f", "--no-splash",
             "-b", scheme, "-b", "(gimp-quit 1)"],
            env=env, stdout=self.log_file, stderr=subprocess.STDOUT,
            start_new_session=True)

    def running(self):
        return self.proc.poll() is None

    def log(self):
        self.log_file.flush()
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def reports(self):
        found = {}
        for line in self.log().splitlines():
            match = REPORT.search(line)
            if match:
                found[match.group(1)] = match.group(2)
        return found

    def wait(self, seconds):
        try:
            self.proc.wait(seconds)
        except subprocess.TimeoutExpired:
            pass
        return not self.running()

    def kill(self):
        if self.running():
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def find_dialog(gimp, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline and gimp.running():
        ids = xdotool("search", "--onlyvisible", "--name", DIALOG_TITLE).split()
        if ids:
            return ids[0]
        time.sleep(1)
    return None


def window_size(window):
    geometry = xdotool("getwindowgeometry", "--shell", window)
    values = dict(line.split("=", 1) for line in geometry.split())
    return int(values["WIDTH"]), int(values["HEIGHT"])


def type_into(mnemonic, text):
    """Focuses a field by its mnemonic and replaces its text."""
    xdotool("key", "--clearmodifiers", "alt+" + mnemonic)
    time.sleep(0.3)
    xdotool("key", "ctrl+a")
    xdotool("type", "--delay", "50", text)
    time.sleep(0.3)


def inner(args, tmp):
    failures = []
    gimp = Gimp(args, tmp)
    try:
        window = find_dialog(gimp, 300)
        if not window:
            failures.append("the Neural Style dialog never appeared")
            return failures, gimp

        opened = time.monotonic()
        view_checks.print_first_frames(window, gimp.log_path, opened)
        # Let the in-dialog preview paint, then check the pane; it takes
        # the picture at 100 %.
        time.sleep(max(0.0, opened + args.settle - time.monotonic()))
        width, height = window_size(window)
        print(f"dialog: {width}x{height} px")
        if width > SCREEN[0] or height > SCREEN[1]:
            failures.append(f"the dialog ({width}x{height}) does not fit a "
                            f"{SCREEN[0]}x{SCREEN[1]} screen")
        os.makedirs(os.path.dirname(os.path.abspath(args.screenshot)),
                    exist_ok=True)
        xdotool("windowfocus", window)
        failures += view_checks.run(
            xdotool, lambda _, mnemonic, text: type_into(mnemonic, text),
            window, gimp.log_path, args.screenshot, PAINTED)
        print(f"screenshot: {args.screenshot}")

        # Few iterations at the layer's size, another style strength, then
        # Tab (GIMP's spin buttons take a Return that changes their text
        # for themselves, and the next control is a menu, which would take
        # it too) and OK by its mnemonic.
        xdotool("windowfocus", window)
        time.sleep(0.5)
        type_into("i", "3")
        type_into("z", "0")
        type_into("n", "1e4")  # Style stre_ngth
        xdotool("key", "Tab")
        time.sleep(0.3)
        # Style 1 on the channel "Left", a second style on "Right"; the
        # screenshot the README shows, once the preview has painted, with
        # the whole layer in view (the zoom menu: Fit is above 100 %).
        view_checks.click(xdotool, window,
                          view_checks.pane_widgets(gimp.log_path)
                          ["preview-zoom"])
        xdotool("key", "Up")
        xdotool("key", "Return")
        view_checks.choose_regions(xdotool, [["alt+1", "Tab"],
                                             ["alt+l", "Tab"]])
        failures += view_checks.shoot_regions(xdotool, window, gimp.log_path,
                                              args.screenshot)
        xdotool("key", "--clearmodifiers", "alt+o")  # _OK

        if not gimp.wait(args.timeout):
            failures.append(f"GIMP had not finished {args.timeout} s after OK")
            return failures, gimp
    finally:
        gimp.kill()

    reports = gimp.reports()
    for key in ("regions", "layers-before", "result", "layers-after",
                "settings"):
        if key not in reports:
            failures.append(f"the script reported no {key} (the plug-in "
                            f"failed or was cancelled; see GIMP's log)")
    if failures:
        return failures, gimp

    before, after = int(reports["layers-before"]), int(reports["layers-after"])
    if after != before + 1:
        failures.append(f"{after} layers after the run, {before} before: no "
                        f"result layer")
    if int(reports["result"]) <= 0:
        failures.append(f"the plug-in returned layer {reports['result']}")
    settings = bytes(int(b) & 0xff for b in reports["settings"].split())
    left, right = (int(i) for i in reports["regions"].split())
    if struct.pack("<3i", left, right, -1) not in settings:
        failures.append(f"the saved settings do not hold the regions chosen "
                        f"in the dialog (channels {left} and {right})")
    if struct.pack("<d", 1e4) not in settings or \
       struct.pack("<d", 1e6) in settings:
        failures.append("the saved settings do not hold the typed style "
                        "weight 1e4 (instead of the default 1e6)")
    return failures, gimp


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plugin", required=True,
                        help="the built gimp-neural-style binary")
    parser.add_argument("--gimp", default="",
                        help="gimp-2.10 (empty: not installed)")
    parser.add_argument("--screenshot", required=True,
                        help="where to save the picture of the dialog")
    parser.add_argument("--widgets-module", required=True,
                        help="the GTK module that lists the pane's widgets")
    parser.add_argument("--settle", type=float, default=20.0,
                        help="seconds for the preview before the picture")
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("--inner", action="store_true",
                        help="(already on the virtual screen)")
    args = parser.parse_args()

    if not args.inner:
        for tool, package in (("xvfb-run", "xvfb"), ("Xvfb", "xvfb"),
                              ("xauth", "xauth"), ("xdotool", "xdotool"),
                              ("import", "imagemagick")):
            if not shutil.which(tool):
                skip(f"{tool} is not installed (Debian package {package})")
        if not args.gimp or not shutil.which(args.gimp):
            skip("gimp-2.10 is not installed (Debian package gimp)")
        screen = f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24"
        command = ["xvfb-run", "-a", "-s", screen, sys.executable,
                   os.path.abspath(__file__), "--inner"] + sys.argv[1:]
        return subprocess.run(command).returncode

    tmp = tempfile.mkdtemp(prefix="nst-dialog-")
    try:
        failures, gimp = inner(args, tmp)
        if failures:
            for failure in failures:
                print("FAIL: " + failure)
            print("--- GIMP's output ---")
            print(gimp.log())
            return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("ok: the dialog ran in GIMP and a result layer appeared")
    return 0


if __name__ == "__main__":
    sys.exit(main())
