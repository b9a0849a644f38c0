#!/usr/bin/env python3
"""GIMP batch: the dialog's hooks, driven by a test plug-in.

hooks-plugin.c replaces the dialog with a script: Stop during a run keeps
the result so far; Cancel leaves the image as it was (no preview layer
left); a live preview cancelled at once stays silent and the
next one delivers its frames, the last one flagged final, at the preview's
size.
"""

import sys

from harness import Batch, mean_change, run_cases


def hooks_call(scenario):
    return f"""
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png"))
       (answer (test-neural-style-hooks RUN-NONINTERACTIVE image content
                                        "{scenario}" style nst-weights)))
  (nst-report "result" (car answer))
  (nst-report "report" (cadr answer))
  (nst-report "layer-names"
              (map (lambda (layer) (car (gimp-item-get-name layer)))
                   (vector->list (cadr (gimp-image-get-layers image)))))
  (nst-report-state image)
  (nst-save image content "{scenario}-content.png")
  (if (not (= -1 (car answer)))
      (nst-save image (car answer) "{scenario}-result.png")))
"""


def report(case):
    return dict(word.split("=", 1) for word in case.get("report").split(" ")
                if "=" in word)


def check_stop(case):
    done = report(case)
    case.expect(done.get("started") == "1", f"the run started: {done}")
    case.expect(done.get("finished") == "1" and done.get("success") == "1",
                f"Stop finishes once, successfully: {done}")
    case.expect(case.get("layer-names") ==
                "Background in the style of style-48.png Background",
                f"the result so far is kept as the new layer: "
                f"{case.get('layer-names')}")
    case.expect(case.get("dirty") == "true", "one change, undoable")
    source = case.source_image("content-64.png")
    result = case.image("stop-result.png")[:, :, :3]
    case.expect(mean_change(result, source) > 1.0, "the result is stylised")


def check_cancel(case):
    done = report(case)
    case.expect(done.get("started") == "1", f"the run started: {done}")
    case.expect(done.get("finished") == "1" and done.get("success") == "0"
                and done.get("message") == "0",
                f"Cancel finishes once, unsuccessful, without an error: "
                f"{done}")
    case.expect(case.get("result") == "-1", "no result layer")
    case.expect(case.get("layer-names") == "Background",
                f"no layer left behind: {case.get('layer-names')}")
    # GIMP marks the image modified when the preview layer comes and goes,
    # undo frozen or not: "dirty" says nothing here.
    case.expect(case.get("undo-enabled") == "true", "undo still enabled")
    source = case.source_image("content-64.png")
    case.expect((case.image("cancel-content.png")[:, :, :3] == source).all(),
                "the content is untouched")


def check_preview(case):
    done = report(case)
    case.expect(done.get("started") == "1", f"both previews started: {done}")
    case.expect(done.get("stale") == "0",
                f"a cancelled preview sends no frame: {done}")
    case.expect(done.get("final") == "1" and int(done.get("frames", 0)) > 1,
                f"frames while it works, then a final one: {done}")
    case.expect(done.get("size") == "32x22",
                f"at the preview's size, the content's shape: {done}")
    case.expect(case.get("report").split("device=")[-1].startswith("CPU"),
                f"the device described: {case.get('report')}")
    case.expect(case.get("layer-names") == "Background" and
                case.get("dirty") == "false",
                "a preview never touches the image")


CASES = [
    ("stop", hooks_call("stop"), check_stop),
    ("cancel", hooks_call("cancel"), check_cancel),
    ("preview", hooks_call("preview"), check_preview),
]

if __name__ == "__main__":
    # --hooks-plugin PATH: the test plug-in, installed beside ours.
    at = sys.argv.index("--hooks-plugin")
    hooks_plugin = sys.argv[at + 1]
    del sys.argv[at:at + 2]
    batch = Batch()
    batch.install_plugin(hooks_plugin, "test-neural-style-hooks")
    batch, cases = run_cases(CASES, batch=batch)
    batch.finish(cases)
