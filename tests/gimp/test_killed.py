#!/usr/bin/env python3
"""GIMP batch: a run killed the way Cancel in GIMP's progress bar kills it.

GIMP 2.10 SIGKILLs the plug-in's process group.  The plug-in must lead one
(so the kill takes the engine with it), and the image must come out whole:
content untouched, undo enabled and no undo group left open, at worst a
stray preview layer; and the next run must work as usual.
"""

import os
import signal
import time

from harness import Batch, mean_change, run_cases

# Long enough to be killed in the middle (the harness kills it).
KILLED = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (nst-expect-error image content "killed.png"
    (lambda () (nst-call image content (list style)
                         (list (cons "iterations" 100000)))))
  (nst-report "layer-names" (nst-layer-names image))
  (nst-call image content (list style) (list (cons "output" 1)))
  (nst-report "after-undo-enabled"
              (= 1 (car (gimp-image-undo-is-enabled image))))
  (nst-save image content "after-kill.png"))
"""

kill = {}


def plugin_runs(gimp_pid, exe):
    """Pids of the plug-in processes GIMP started to run a procedure."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            same_exe = os.path.realpath(f"/proc/{entry}/exe") == exe
        except OSError:
            continue
        if ppid == gimp_pid and same_exe and b"-run" in argv:
            pids.append(int(entry))
    return pids


def kill_the_run(process):
    """Waits for the plug-in's first run, lets it work, kills its group."""
    exe = os.path.realpath(Batch.plugin_path)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        pids = plugin_runs(process.pid, exe)
        if pids:
            # The preview layer is added within a second of the start.
            time.sleep(3)
            try:
                os.killpg(pids[0], signal.SIGKILL)
                kill["group"] = True
            except ProcessLookupError:
                kill["group"] = False
                os.kill(pids[0], signal.SIGKILL)
            return
        time.sleep(0.1)


def check_killed(case):
    case.expect("group" in kill, "the harness found the run to kill")
    case.expect(kill.get("group"),
                "the plug-in leads its own process group (setpgid)")
    case.expect(case.get("outcome") == "error", "the killed call fails")
    case.expect(case.get("undo-enabled") == "true",
                "undo is enabled: no freeze left behind")
    case.expect(case.get("layer-names") ==
                "Neural style (preview) Background",
                "at worst a stray preview layer: "
                f"{case.get('layer-names')!r}")
    case.expect("inconsistent" not in case.log,
                "GIMP found no open undo group")
    source = case.source_image("content-64.png")
    case.expect((case.image("killed.png")[:, :, :3] == source).all(),
                "the content is untouched")
    case.expect(case.get("after-undo-enabled") == "true",
                "the next run leaves undo enabled")
    change = mean_change(case.image("after-kill.png")[:, :, :3], source)
    case.expect(change > 1.0, f"the next run works ({change:.2f} levels)")


def run_killed(cases, batch):
    """Runs `cases` in `batch`'s GIMP, killing the plug-in's first run,
    and exits with the result."""
    Batch.plugin_path = batch.args.plugin
    batch, checked = run_cases(cases, batch=batch, during=kill_the_run)
    batch.finish(checked)


if __name__ == "__main__":
    run_killed([("killed", KILLED, check_killed)], Batch())
