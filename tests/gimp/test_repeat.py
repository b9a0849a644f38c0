#!/usr/bin/env python3
"""GIMP batch: Filters ▸ Repeat (RUN-WITH-LAST-VALS) cancelled mid-way.

Under Repeat the progress is GIMP's own, and its Cancel kills the
plug-in's process group before the plug-in could clean up: the run must
not have touched the image by then.  The plug-in makes no temporary
preview layer under Repeat, so a Repeat killed mid-run leaves the image
as it was: same layers, same pixels, still clean.

The last values are saved the way the dialog saves them: a run through the
dialog's hooks (hooks-plugin.c, scenario "stop") that keeps its result,
with a preview every evaluation.  Killing the process as GIMP's Cancel
does is what this tests of the Cancel button itself; the status bar's
button is GUI only.
"""

from harness import Batch
from test_killed import kill, run_killed

REPEAT_KILLED = """
(let* ((first (nst-load "content-64.png"))
       (style (nst-style "style-48.png"))
       (image (nst-load "content-64.png"))
       (content (nst-drawable image)))
  (test-neural-style-hooks RUN-NONINTERACTIVE first (nst-drawable first)
                           "stop" style nst-weights)
  (nst-report "layer-names-before" (nst-layer-names image))
  (nst-expect-error image content "repeat-killed.png"
    (lambda () (nst-call image content (list style)
                         (list (cons "run-mode" RUN-WITH-LAST-VALS)))))
  (nst-report "layer-names" (nst-layer-names image)))
"""


def check_repeat_killed(case):
    case.expect("group" in kill,
                "the harness found the Repeat to kill: it ran on the saved "
                "values")
    case.expect(case.get("outcome") == "error", "the killed call fails")
    case.expect(case.get("layer-names") == case.get("layer-names-before"),
                "no layer added or left behind (no preview layer): "
                f"{case.get('layer-names')!r}")
    case.expect(case.get("dirty") == "false", "the image is still clean")
    case.expect(case.get("undo-enabled") == "true", "undo still enabled")
    source = case.source_image("content-64.png")
    case.expect((case.image("repeat-killed.png")[:, :, :3] == source).all(),
                "the pixels are unchanged")


CASES = [("repeat-killed", REPEAT_KILLED, check_repeat_killed)]

if __name__ == "__main__":
    run_killed(CASES, Batch())
