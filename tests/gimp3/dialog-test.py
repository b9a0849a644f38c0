#!/usr/bin/env python3
"""dialog-test.py: the GIMP 3.0 dialog in a real GIMP with its GUI.

Runs gimp-3.0 on a virtual 1366x768 screen (Xvfb, through xvfb-run) with a
throwaway profile holding the built plug-in and its catalogs, opens an
image with three layers (content and two styles) and two channels (its
halves) and calls plug-in-neural-style
RUN-INTERACTIVE from Script-Fu, four times.  Then, from outside like a
user, it finds each dialog with xdotool and
  1. lets the live preview run, saves a screenshot, presses Escape (Cancel);
     with the GTK module (below) and in English, first checks the preview
     pane: Before, 100 %, dragging, an error (../dialog/view_checks.py),
     and saves the screenshot at 100 %;
  2. chooses the Quick sketch preset in the preset menu (its mnemonic,
     then Up), types the iterations, the style strength ("3e5") and the
     working size through their mnemonics, gives style 1 the channel
     "Left" as region and a second style "Right" (by keyboard), saves a
     screenshot with the regions outlined, and presses OK; with the GTK
     module (below), first opens Advanced by a click;
  3. starts a long run, checks that the dialog kept its size (the buttons
     did not move), and presses Stop (its mnemonic) during it;
  4. starts a long run, and presses Escape (Cancel) during it.
Passes when the dialog fitted the screen, both Cancels left the image as
it was, OK and Stop each added a result layer, GIMP kept the last run's
typed iterations as the procedure's last values, and the plug-in printed
no GLib warning or critical.  The preset's one level (scales 1) must
be in the last values too: the menu set the config; and the style
strength typed as "3e5", as 300000.

With --language LANG only the first dialog is opened and cancelled, in
that language: its title must be the catalog's translation, which proves
that GIMP 3 finds the plug-in's catalogs.

With --mnemonics-module (mnemonics-module.c, loaded into GIMP and the
plug-in as a GTK module) the first dialog must open with its Advanced
expander closed, holding exactly the parameter table's advanced arguments
and the weights file, and its preset menu at Balanced (translated); the
module then opens Advanced in every dialog, so that the size checks hold
with it open, and the first dialog lists its live mnemonics, GIMP's
own buttons included; the test prints them and fails when two of ours, or
one of ours and one of GIMP's, share a key; and the plan line under the
preview must come to say what OK would do (its size in px, in any
language), not stay empty or at "Planning the run…".  The module gives
Advanced back the state it opened with: opened by the click before OK,
it must be open when the next dialogs open, and closed in the two
before (Cancel keeps nothing).

  dialog-test.py --plugin BUILT_PLUGIN --gimp gimp-3.0
                 [--screenshot PNG] [--language LANG]
                 [--mnemonics-module MODULE]

Exits 77 (skipped) when xvfb-run, xdotool or ImageMagick's import are
missing, or when the system has no locale for LANG.
"""

import argparse
import gettext
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from harness3 import link_catalogs

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "dialog"))
import view_checks  # noqa: E402 (shared with GIMP 2.10's test)

SCREEN = (1366, 768)
# The layer the dialog paints, as it must name it: "image — layer", where
# GIMP 3.0 calls an image loaded through the PDB "[Untitled]" and its only
# layer "Background".
PAINTED = "[Untitled] — Background"
LONG_RUN = 100000  # iterations no test machine finishes in minutes
SCENARIOS = ["cancel", "ok", "stop", "cancel-running"]
# Layers after each scenario: the content and two styles (3 before),
# plus each kept result.
LAYERS_AFTER = {"cancel": 3, "ok": 4, "stop": 5, "cancel-running": 5}

# Cancel makes the call fail: catch that and go on.  Each call is followed
# by a report of the image's layer count ("NST|after-scenario|count").
SCHEME = r"""
(script-fu-use-v3)
(gimp-message-set-handler CONSOLE)
(define (nst-layers image key)
  (gimp-message (string-append "NST|" key "|" (number->string
    (vector-length (gimp-image-get-layers image))))))
; Two channels, the content's halves, for the styles' regions; each new
; one goes on top, so the menus list "Left", then "Right".
(define (nst-half image name x)
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE x 0 32 43)
  (let ((channel (gimp-selection-save image)))
    (gimp-item-set-name channel name)))
(let* ((image (gimp-file-load RUN-NONINTERACTIVE "@CONTENT@"))
       (content (vector-ref (gimp-image-get-selected-drawables image) 0))
       (style2 (gimp-file-load-layer RUN-NONINTERACTIVE image "@STYLE2@"))
       (style (gimp-file-load-layer RUN-NONINTERACTIVE image "@STYLE@")))
  (gimp-image-insert-layer image style2 0 -1)
  (gimp-image-insert-layer image style 0 -1)
  (nst-half image "Right" 32)
  (nst-half image "Left" 0)
  (gimp-selection-none image)
  (gimp-image-set-selected-layers image (vector content))
  (gimp-display-new image)
  (gimp-displays-flush)
  (nst-layers image "before")
  (set! *error-hook* (lambda args (throw)))
  (for-each
    (lambda (scenario)
      (catch #f
        (plug-in-neural-style #:run-mode RUN-INTERACTIVE #:image image
                              #:drawables (vector content)
                              #:styles (vector style)
                              #:style-blend (vector 1.0)))
      (nst-layers image (string-append "after-" scenario)))
    '(@SCENARIOS@))
  ; libgimp sends a plug-in's last message after its call has returned: a
  ; GIMP quitting at once may have closed that pipe first, and the plug-in
  ; warns "gimp_flush(): error".  Quit once the driver has seen the plug-in
  ; end and made the file @QUIT@.
  (let wait ((port (open-input-file "@QUIT@")))
    (if port
        (close-input-port port)
        (begin (gimp-displays-flush) (wait (open-input-file "@QUIT@")))))
  (gimp-quit #t))
"""


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


def xdotool(*args):
    return subprocess.run(["xdotool", *args], capture_output=True,
                          text=True).stdout


def system_locale(language):
    """A UTF-8 locale of `language` the system has, e.g. de_DE.utf8."""
    names = subprocess.run(["locale", "-a"], capture_output=True,
                           text=True).stdout.split()
    for name in names:
        if name.startswith(language + "_") and name.lower().endswith(
                (".utf8", ".utf-8")):
            return name
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--gimp", required=True)
    parser.add_argument("--screenshot", help="where to save the dialog")
    parser.add_argument("--language", help="run GIMP in this language")
    parser.add_argument("--mnemonics-module",
                        help="the GTK module that lists the mnemonics")
    parser.add_argument("--inner", action="store_true",
                        help=argparse.SUPPRESS)  # run inside xvfb-run
    args = parser.parse_args()

    if not args.inner:
        for tool in ("xvfb-run", "Xvfb", "xauth", "xdotool", "import"):
            if not shutil.which(tool):
                skip(f"{tool} is not installed")
        if args.language and not system_locale(args.language):
            skip(f"no {args.language} locale (Debian: locales, "
                 f"localedef -i {args.language}_… -f UTF-8)")
        # xvfb-run -a: a free display; the screen the dialog must fit.
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s",
                               f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24",
                               sys.executable, *sys.argv, "--inner"])

    title = "Neural Style"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k != "LANGUAGE"}
    env.update(LANG="C.UTF-8")
    if args.language:
        catalogs = os.path.join(os.environ["NST_BUILD_ROOT"], "po")
        title = gettext.translation("gimp-neural-style", catalogs,
                                    [args.language]).gettext(title)
        env.update(LANG=system_locale(args.language), LANGUAGE=args.language)

    tmp = tempfile.mkdtemp(prefix="nst-dialog3-")
    profile = os.path.join(tmp, "profile")
    folder = os.path.join(profile, "plug-ins", "gimp-neural-style")
    os.makedirs(folder)
    os.symlink(os.path.abspath(args.plugin),
               os.path.join(folder, "gimp-neural-style"))
    link_catalogs(folder)
    data = os.environ["NST_TEST_DATA"]
    scheme = (SCHEME.replace("@CONTENT@", os.path.join(data, "content-64.png"))
                    .replace("@STYLE@", os.path.join(data, "style-48.png"))
                    .replace("@STYLE2@", os.path.join(data, "style2-40.png"))
                    .replace("@QUIT@", os.path.join(tmp, "quit"))
                    .replace("@SCENARIOS@", " ".join(
                        f'"{name}"' for name in scenarios(args))))
    env.update(GIMP3_DIRECTORY=profile, OMP_NUM_THREADS="1",
               NST_WEIGHTS=os.environ["NST_TEST_WEIGHTS"])
    if args.mnemonics_module:
        # GTK 3 reads GTK3_MODULES too, which GIMP leaves alone.
        module = os.path.abspath(args.mnemonics_module)
        env.update(GTK_MODULES=module, GTK3_MODULES=module,
                   NST_MNEMONICS_TITLE=title)
    log_path = os.path.join(tmp, "gimp.log")
    with open(log_path, "w") as log:
        gimp = subprocess.Popen(
            [args.gimp, "-n", "-d", "-f", "--no-splash",
             "--batch-interpreter", "plug-in-script-fu-eval", "-b", scheme],
            env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
        try:
            failures = drive(gimp, args, title, log_path)
            if report_seen(log_path, "after-" + scenarios(args)[-1]):
                failures += quit_after_plugin(gimp, folder, tmp)
        finally:
            if gimp.poll() is None:
                os.killpg(gimp.pid, 9)
            gimp.wait()

    with open(log_path, errors="replace") as f:
        text = f.read()
    if not failures:
        failures = check(reports(text), profile, args)
    if args.mnemonics_module:
        failures += check_settings(text, args.language)
        if not args.language:
            failures += check_advanced_kept(text)
        failures += check_mnemonics(text, args.language or "en")
        failures += check_plan(text)
    failures += check_glib_messages(text)
    shutil.rmtree(tmp, ignore_errors=True)
    for failure in failures:
        print("FAIL " + failure)
    if failures:
        print("--- GIMP's output ---\n" + text)
        sys.exit(1)
    if args.language:
        print(f"ok   the dialog is titled {title!r} in {args.language}, "
              "and Cancel changes nothing")
    else:
        print("ok   the dialog fits the screen; Cancel, before or during a "
              "run, changes nothing; OK and Stop add the result layer; the "
              "values are kept")


def scenarios(args):
    """A language test only opens the dialog and cancels it."""
    return SCENARIOS[:1] if args.language else SCENARIOS


def reports(text):
    return dict(re.findall(r"NST\|([^|]*)\|(\d+)", text))


def report_seen(log_path, key):
    with open(log_path, errors="replace") as f:
        return f"NST|{key}|" in f.read()


def wait_for_report(log_path, key, gimp, seconds):
    """Waits until the script reports `key`, GIMP ends, or time is up."""
    deadline = time.monotonic() + seconds
    while True:
        running = gimp.poll() is None
        if report_seen(log_path, key):
            return True
        if not running or time.monotonic() > deadline:
            return False
        time.sleep(1)


def find_dialog(gimp, title, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and gimp.poll() is None:
        found = xdotool("search", "--onlyvisible", "--name",
                        f"^{re.escape(title)}$").split()
        if found:
            return found[0]
        time.sleep(1)
    return None


def type_into(window, mnemonic, text):
    """Focuses a field by its mnemonic and replaces its text, as a user
    does (no window manager on Xvfb: focus the dialog first)."""
    xdotool("windowfocus", "--sync", window)
    xdotool("key", "--clearmodifiers", "alt+" + mnemonic)
    time.sleep(0.3)
    xdotool("key", "ctrl+a")
    xdotool("type", "--delay", "50", text)
    time.sleep(0.3)


def open_advanced(window, log_path, dialog):
    """Clicks the Advanced expander's arrow, once the GTK module has done
    with it in the `dialog`-th dialog (it says where the expander is
    after it gave it back its state), and waits until the module says it
    opened: the first toggle it reports in the whole run."""
    deadline = time.monotonic() + 30
    while True:
        with open(log_path, errors="replace") as f:
            places = re.findall(r"^NST-WIDGET\|advanced\|(-?\d+)\|(-?\d+)\|"
                                r"(\d+)\|(\d+)$", f.read(), re.M)
        if len(places) >= dialog:
            break
        if time.monotonic() > deadline:
            return [f"the module did not say where Advanced is in dialog "
                    f"{dialog}"]
        time.sleep(0.5)
    x, y, _, height = (int(v) for v in places[dialog - 1])
    # Its arrow, at the title's start: the title's label ends soon after.
    xdotool("windowfocus", "--sync", window)
    view_checks.click(xdotool, window, (x, y, 16, height))
    # Away, or the expander's tooltip pops up and stays.
    xdotool("mousemove", str(SCREEN[0] - 1), str(SCREEN[1] - 1))
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        with open(log_path, errors="replace") as f:
            if "NST-ADVANCED|1" in f.read():
                return []
        time.sleep(0.5)
    return [f"a click on Advanced's arrow (at {x + 8}, {y + height // 2} "
            f"in the dialog) did not open it"]


def window_size(window):
    geometry = xdotool("getwindowgeometry", "--shell", window)
    size = dict(line.split("=") for line in geometry.split())
    return int(size["WIDTH"]), int(size["HEIGHT"])


def drive(gimp, args, title, log_path):
    """Plays the scenarios, one dialog each: the first is pictured and
    cancelled; the others are filled in and run (see SCENARIOS)."""
    window = find_dialog(gimp, title, 180)
    if not window:
        return [f"no dialog titled {title!r} appeared"]
    opened = time.monotonic()
    if args.mnemonics_module:
        view_checks.print_first_frames(window, log_path, opened)
    time.sleep(max(0.0, opened + 20 - time.monotonic()))  # a stylised frame

    width, height = window_size(window)
    failures = []
    if width > SCREEN[0] or height > SCREEN[1]:
        failures.append(f"the dialog ({width}x{height}) does not fit a "
                        f"{SCREEN[0]}x{SCREEN[1]} screen")
    if args.mnemonics_module and not args.language:
        # The README's picture, at 100 %.
        failures += view_checks.run(xdotool, type_into, window, log_path,
                                    args.screenshot, PAINTED)
    elif args.screenshot:
        # The pointer, in the middle of the screen, would pop up a tooltip.
        xdotool("mousemove", str(SCREEN[0] - 1), str(SCREEN[1] - 1))
        time.sleep(1)
        subprocess.run(["import", "-window", window, args.screenshot],
                       check=True)

    xdotool("windowfocus", "--sync", window)
    xdotool("key", "Escape")
    if not wait_for_report(log_path, "after-cancel", gimp, 60):
        return failures + ["Escape did not close the dialog"]

    for scenario in scenarios(args)[1:]:
        window = find_dialog(gimp, title, 60)
        if not window:
            return failures + [f"{scenario}: the dialog never appeared"]
        time.sleep(2)
        if scenario == "ok" and args.mnemonics_module:
            failures += open_advanced(window, log_path,
                                      scenarios(args).index("ok") + 1)
        # Iterations (a few, or too many to finish) at the layer's own
        # size.  The next widget after the size is not a spin button,
        # which would take the Return for itself: Tab there, then Return.
        if scenario == "ok":
            # Quick sketch, the entry above Balanced: its one level stays
            # in the last values (see check), the iterations typed next
            # replace its own.
            xdotool("windowfocus", "--sync", window)
            xdotool("key", "--clearmodifiers", "alt+q")
            time.sleep(0.3)
            xdotool("key", "Up")
            time.sleep(0.5)
        type_into(window, "i", "3" if scenario == "ok" else str(LONG_RUN))
        if scenario == "ok":
            type_into(window, "n", "3e5")  # Style stre_ngth
        type_into(window, "z", "0")
        xdotool("key", "Tab")
        time.sleep(0.3)
        editing = window_size(window)
        if scenario == "ok":
            # Style 1 on the channel "Left", a second style (its switch,
            # then its layer menu: the next layer) on "Right"; the
            # screenshot the README shows.  Then OK by its mnemonic: Return would open the menu.
            view_checks.choose_regions(xdotool, [["alt+1", "Tab"],
                                                 ["alt+2", "Tab", "Down",
                                                  "Tab"]])
            if args.screenshot and args.mnemonics_module:
                failures += view_checks.shoot_regions(
                    xdotool, window, log_path, args.screenshot)
            xdotool("windowfocus", "--sync", window)
            xdotool("key", "--clearmodifiers", "alt+o")
        else:
            xdotool("key", "Return")
        if scenario == "stop":
            time.sleep(8)
            if report_seen(log_path, "after-stop"):
                return failures + ["stop: the long run ended by itself"]
            # The progress bar has its place from the start: the buttons
            # (at the dialog's bottom) stay where they were.
            running = window_size(window)
            if running != editing:
                failures.append(f"stop: the dialog went from {editing} to "
                                f"{running} px when the run started")
            if args.screenshot:
                subprocess.run(["import", "-window", window,
                                args.screenshot.replace(".png",
                                                        "-running.png")],
                               check=True)
            xdotool("windowfocus", "--sync", window)
            xdotool("key", "--clearmodifiers", "alt+t")  # S_top
        elif scenario == "cancel-running":
            time.sleep(8)
            xdotool("windowfocus", "--sync", window)
            xdotool("key", "Escape")
        # Stop and Cancel end a long run within a few evaluations.
        if not wait_for_report(log_path, "after-" + scenario, gimp, 120):
            return failures + [f"{scenario}: the run did not end within "
                               f"120 s"]
    return failures


def plugin_running(folder):
    """Whether a process of the plug-in installed in `folder` is alive."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                program = f.read().split(b"\0")[0].decode(errors="replace")
        except OSError:
            continue
        if os.path.realpath(os.path.dirname(program)) == folder:
            return True
    return False


def quit_after_plugin(gimp, folder, tmp):
    """Lets the script quit GIMP once the last plug-in process has ended,
    and waits for GIMP to quit (it writes the last values then)."""
    if gimp.poll() is not None:
        return []
    folder = os.path.realpath(folder)
    deadline = time.monotonic() + 60
    while plugin_running(folder) and time.monotonic() < deadline:
        time.sleep(0.2)
    open(os.path.join(tmp, "quit"), "w").close()
    try:
        gimp.wait(60)
    except subprocess.TimeoutExpired:
        return ["GIMP did not quit after the script"]
    return []


# GimpProcedureDialog's own buttons, in GIMP's catalog (gimp30-libgimp);
# a clash between two of them is GIMP's to fix, not ours.
GIMP_BUTTONS = ["_Help", "_Reset", "_Load Saved Settings", "_Save Settings",
                "_Cancel", "_OK"]


def check_mnemonics(text, language):
    """The first dialog's mnemonics, as mnemonics-module.c listed them:
    printed, and a failure for each key that two of them share, unless
    both are GIMP's buttons."""
    if "NST-MNEMONIC-END" not in text:
        return ["the dialog's mnemonics were not listed (is the GTK module "
                "loaded?)"]
    listed = text[:text.index("NST-MNEMONIC-END")]
    found = re.findall(r"NST-MNEMONIC\|([^|]*)\|(.*)", listed)
    catalog = gettext.translation("gimp30-libgimp", languages=[language],
                                  fallback=True)
    gimp = [catalog.gettext(label) for label in GIMP_BUTTONS]
    by_key = {}
    for key, label in found:
        by_key.setdefault(key, []).append(label)
    print(f"mnemonics of the dialog in {language}:")
    failures = []
    for key in sorted(by_key):
        labels = by_key[key]
        print(f"  {key}: " + ", ".join(labels))
        if len(labels) > 1 and not all(label in gimp for label in labels):
            failures.append(f"{language}: the mnemonic {key} is shared by "
                            + ", ".join(repr(label) for label in labels))
    # Cancel and OK are always there: seen, the module sees GIMP's buttons.
    for label in gimp[-2:]:
        if label not in [label for _, label in found]:
            failures.append(f"{language}: GIMP's button {label!r} was not "
                            f"listed")
    return failures


def check_settings(text, language):
    """The first dialog as it opened, as mnemonics-module.c saw it: the
    Advanced expander closed, holding exactly the table's advanced
    arguments (in table order) and the weights file; the preset menu at
    "Balanced", in the dialog's language, since a fresh profile has the
    defaults; and with Advanced open, every dialog fits the screen."""
    table = json.loads(subprocess.run(
        [os.environ["NST_PARAM_TABLE"], "--json"], capture_output=True,
        text=True, check=True).stdout)
    expected = [row["name"] for row in table
                if row["place"] == "advanced"] + ["weights"]
    failures = []
    expander = re.search(r"^NST-EXPANDER\|(\d)\|(.*)$", text, re.M)
    if not expander:
        return ["the dialog has no expander named 'advanced'"]
    print(f"Advanced: {'open' if expander.group(1) == '1' else 'closed'}, "
          f"holding {expander.group(2)}")
    if expander.group(1) != "0":
        failures.append("Advanced is open when the dialog first opens")
    if expander.group(2).split(",") != expected:
        failures.append(f"Advanced holds {expander.group(2)}, not the "
                        f"table's advanced arguments {','.join(expected)}")
    balanced = "Balanced"
    if language:
        balanced = gettext.translation(
            "gimp-neural-style", os.path.join(os.environ["NST_BUILD_ROOT"],
                                              "po"),
            [language]).gettext(balanced)
    preset = re.search(r"^NST-PRESET\|(.*)$", text, re.M)
    print(f"preset menu: {preset.group(1) if preset else None!r}")
    if not preset or preset.group(1) != balanced:
        failures.append(f"the preset menu reads "
                        f"{preset.group(1) if preset else None!r}, not "
                        f"{balanced!r}, with the default values")
    # The module gave Advanced back its state after listing: the dialog's
    # size with it open is the one it printed, in every dialog (those that
    # open with it open too).
    sizes = re.findall(r"^NST-OPEN-SIZE\|(\d+)\|(\d+)$", text, re.M)
    if not sizes:
        failures.append("the dialog's size with Advanced open was not "
                        "printed")
    for number, (width, height) in enumerate(sizes, 1):
        if int(width) > SCREEN[0] or int(height) > SCREEN[1]:
            failures.append(f"with Advanced open dialog {number} "
                            f"({width}x{height}) does not fit a "
                            f"{SCREEN[0]}x{SCREEN[1]} screen")
    return failures


def check_advanced_kept(text):
    """Advanced as each dialog opened (mnemonics-module.c's NST-EXPANDER
    lines, in order): closed until the click before OK, open after it.
    The module opens it and gives it back its state in every dialog; a
    run kept (OK, Stop) keeps the state, Cancel does not."""
    shown = ["open" if state == "1" else "closed" for state in
             re.findall(r"^NST-EXPANDER\|(\d)\|", text, re.M)]
    expected = ["closed", "closed", "open", "open"]
    print(f"Advanced as the dialogs opened: {shown}")
    if shown != expected:
        return [f"Advanced opened {shown} in the dialogs "
                f"({', '.join(SCENARIOS)}), not {expected}: opened before "
                f"OK, it must stay open in the next ones"]
    return []


def check_plan(text):
    """The plan line, as mnemonics-module.c followed it: the first dialog
    waits long enough for it to name the run's size ("… 64 × 43 px …" in
    every catalog)."""
    shown = re.findall(r"^NST-PLAN\|(.*)$", text, re.M)
    print(f"plan lines shown: {shown}")
    if not any(re.search(r"\d+ × \d+ px", line) for line in shown):
        return [f"the dialog's plan line never said what OK would do: "
                f"{shown}"]
    return []


def check_glib_messages(text):
    """GLib's warnings and criticals from the plug-in's process, such as
    an argument's value refused by its GParamSpec: a failure each.

    Except libgimp's "gimp_flush(): error": a plug-in process sends its
    last message (GP_QUIT) after its call has returned, and CI saw that
    write find GIMP's end of the pipe closed, at GIMP's quit and once
    between two scenarios.  It is between GIMP and libgimp; a pipe that
    broke during a call would fail that scenario's layer count."""
    return [f"the plug-in warned: {line}" for line in re.findall(
        r"^.*\(gimp-neural-style:\d+\): [\w-]*(?:WARNING|CRITICAL) \*\*.*$",
        text, re.M) if "gimp_flush(): error" not in line]


def check(found, profile, args):
    failures = []
    if found.get("before") != "3":
        failures.append(f"the image has 3 layers at first, not "
                        f"{found.get('before')}")
    for scenario in scenarios(args):
        after = found.get("after-" + scenario)
        if after != str(LAYERS_AFTER[scenario]):
            failures.append(f"{scenario}: {LAYERS_AFTER[scenario]} layers "
                            f"after it, not {after}")
    if args.language:
        return failures
    # GIMP 3 keeps a procedure's last values in its profile, as "(name
    # value)" lines in plug-in-settings/<config type>-<procedure>.last.
    saved = ""
    settings = os.path.join(profile, "plug-in-settings")
    for name in os.listdir(settings) if os.path.isdir(settings) else []:
        if "plug-in-neural-style" in name and name.endswith(".last"):
            with open(os.path.join(settings, name), errors="replace") as f:
                saved += f.read()
    if not re.search(r"\(style-weight 300000(\.0*)?\)", saved):
        failures.append(f"the style strength typed as \"3e5\" is not "
                        f"300000 in the last values: {saved!r}")
    if not re.search(r"\(scales 1\)", saved):
        failures.append(f"choosing Quick sketch in the preset menu (alt+q, "
                        f"Up) did not set its one level (scales 1) in the "
                        f"last values: {saved!r}")
    if not re.search(rf"\(iterations {LONG_RUN}\)", saved):
        files = sorted(os.path.relpath(os.path.join(d, f), profile)
                       for d, _, names in os.walk(profile) for f in names)
        failures.append(f"GIMP did not keep the typed iterations "
                        f"({LONG_RUN}) as last values; saved: {saved!r}; "
                        f"the profile holds {files}")
    return failures


if __name__ == "__main__":
    main()
