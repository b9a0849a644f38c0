#!/usr/bin/env python3
"""GIMP batch: the dialog's hooks, driven by a test plug-in.

hooks-plugin.c replaces the dialog with a script: Stop during a run keeps
the result so far; Cancel leaves the image as it was (no preview layer
left); a live preview cancelled at once stays silent and the
next one delivers its frames, the last one flagged final, at the preview's
size, equal to the CLI's image at that size; it says that it computes, that
a result is the untouched start image, and why it failed (a broken weights
file).  Each preview first gives the full run's plan in words and the
view's pixels before painting (the "before"); zoomed to 100 % it paints
the crop in view at the run's own scale, and a style's region comes
cropped the same way with the "before"; with the preview off only the
plan comes; a run too big for its budget is refused there, with the reason.
"""

import os
import tempfile

import numpy as np
from PIL import Image

from harness import (expect_same_picture, mean_change, run_cases, run_cli,
                     scheme_string)

# A weights file cut short: the preview must say so, not wait forever.
BROKEN_WEIGHTS = os.path.join(tempfile.mkdtemp(prefix="nst-hooks-"),
                              "broken.safetensors")


def hooks_call(scenario, weights="nst-weights"):
    return f"""
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png"))
       (answer (test-neural-style-hooks RUN-NONINTERACTIVE image content
                                        "{scenario}" style {weights})))
  (nst-report "result" (car answer))
  (nst-report "report" (cadr answer))
  (nst-report "layer-names" (nst-layer-names image))
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


def cli_frame(size, iterations):
    """The CLI's image at the working size after `iterations`, with the
    settings hooks-plugin.c gives the preview."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cli.png")
        data = os.environ["NST_TEST_DATA"]
        run_cli(os.path.join(data, "content-64.png"),
                os.path.join(data, "style-48.png"), "-o", out,
                "--init", "noise", "--style-weight", "1e4",
                "--size", str(size), "--iterations", str(iterations),
                "--save-every", str(iterations))
        frame = os.path.join(tmp, f"cli-{iterations:04d}.png")
        return np.asarray(Image.open(frame).convert("RGB"), dtype=float)


def preview_frame(done, key="frame", size="size"):
    w, h = (int(v) for v in done[size].split("x"))
    data = bytes.fromhex(done.get(key, ""))
    if len(data) != w * h * 3:
        return None
    return np.frombuffer(data, np.uint8).reshape(h, w, 3).astype(float)


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
                f"the device described: {case.get('report')[-40:]}")
    case.expect(done.get("computing") == "1",
                "the preview says that it computes while it does")
    case.expect(done.get("plans") == "1", f"one plan per preview: {done}")
    # The full run's plan, not the preview's: the content's own size (size
    # 0) in the default two levels, with a measured time.
    plan = done.get("plan", "").replace("_", " ")
    case.expect(plan.startswith("The run: 64 × 43 px in 2 levels; about ")
                and plan.endswith(" here"), f"the plan in words: {plan!r}")
    # The preview is the run's computation at the preview's working size,
    # from the same full-size pixels: the CLI at that size.
    expect_same_picture(case, preview_frame(done), cli_frame(32, 6),
                        "the preview and the CLI at --size 32")
    # The "before": the layer at the preview's size, sent once, first.
    before = preview_frame(done, "original", "original-size")
    case.expect(done.get("originals") == "1" and before is not None
                and done.get("original-size") == "32x22",
                f"one 'before' at the preview's size: {done.get('originals')}, "
                f"{done.get('original-size')}")
    if before is not None:
        source = case.source_image("content-64.png")[:, :, :3].astype(float)
        case.expect(np.abs(before - box_shrink(source, 32, 22)).max() <= 1,
                    "the 'before' is the layer, shrunk by averaging")


def box_shrink(image, width, height):
    """Each pixel the mean of the pixels it covers."""
    h, w = image.shape[:2]
    rows = [(i * h // height, max((i + 1) * h // height, i * h // height + 1))
            for i in range(height)]
    cols = [(i * w // width, max((i + 1) * w // width, i * w // width + 1))
            for i in range(width)]
    return np.array([[image[r0:r1, c0:c1].mean(axis=(0, 1))
                      for c0, c1 in cols] for r0, r1 in rows])


def check_preview_zoom(case):
    done = report(case)
    case.expect(done.get("final") == "1" and done.get("stale") == "0",
                f"a final frame, none from the cancelled one: {done}")
    # 100 % at size 0: the layer's own pixels, the right 32 px (centre at
    # 3/4 of 64), the top 5 rows cut off as the centre asks (21.5 − 16).
    case.expect(done.get("size") == "32x32"
                and done.get("original-size") == "32x32"
                and done.get("working") == "64x43",
                f"the 32 × 32 px in view, of a 64 × 43 px run: {done}")
    before = preview_frame(done, "original", "original-size")
    source = case.source_image("content-64.png")[:, :, :3].astype(float)
    case.expect(before is not None
                and np.abs(before - source[5:37, 32:64]).max() <= 1,
                "the 'before' is that crop of the layer, unscaled")
    after = preview_frame(done)
    case.expect(after is not None and before is not None
                and mean_change(after, before) > 1,
                "and the preview painted it")
    plan = done.get("plan", "").replace("_", " ")
    case.expect(plan.startswith("The run: 64 × 43 px"),
                f"the plan is of the whole run: {plan!r}")


def check_preview_regions(case):
    done = report(case)
    case.expect(done.get("final") == "1" and done.get("regions") == "1"
                and done.get("original-size") == "32x32",
                f"a 32 × 32 px 'before' with one region: {done}")
    # The region is the layer's left 48 columns; in view, its columns 32 to
    # 63: the first 16 of the 'before'.
    data = bytes.fromhex(done.get("region", ""))
    region = (np.frombuffer(data, np.uint8).reshape(32, 32)
              if len(data) == 32 * 32 else None)
    case.expect(region is not None and (region[:, :16] == 255).all()
                and (region[:, 16:] == 0).all(),
                "the region comes cropped as the 'before', its left 16 "
                "columns")
    case.expect(preview_frame(done) is not None, "and the preview painted")


def check_preview_start(case):
    done = report(case)
    case.expect(done.get("final") == "1", f"a final frame: {done}")
    case.expect("start_image" in done.get("note", ""),
                f"a result that is the start image says so: {done}")


def check_preview_broken(case):
    done = report(case)
    note = done.get("note", "").replace("_", " ")
    case.expect(done.get("final") == "1" and done.get("frames") == "0",
                f"the preview ends without a frame: {done}")
    case.expect("broken.safetensors" in note,
                f"and says what is wrong with which file: {note!r}")


def check_plan(case):
    done = report(case)
    plan = done.get("plan", "").replace("_", " ")
    case.expect(done.get("plans") == "1" and done.get("frames") == "0"
                and done.get("refused") == "0",
                f"the plan alone, without frames: {done}")
    case.expect(plan.startswith("The run: 64 × 43 px in 2 levels; about ")
                and " it may use; about " in plan,
                f"the plan in words: {plan!r}")


def check_plan_refused(case):
    done = report(case)
    plan = done.get("plan", "").replace("_", " ")
    case.expect(done.get("plans") == "1" and done.get("refused") == "1",
                f"the run is refused before it starts: {done}")
    case.expect("memory" in plan and "MiB" in plan,
                f"saying what memory it needs: {plan!r}")
    case.expect(case.get("layer-names") == "Background",
                f"and the image is as it was: {case.get('layer-names')}")


CASES = [
    ("stop", hooks_call("stop"), check_stop),
    ("cancel", hooks_call("cancel"), check_cancel),
    ("preview", hooks_call("preview"), check_preview),
    ("preview-start", hooks_call("preview-start"), check_preview_start),
    ("preview-zoom", hooks_call("preview-zoom"), check_preview_zoom),
    ("preview-regions", hooks_call("preview-regions"), check_preview_regions),
    ("preview-broken",
     hooks_call("preview", scheme_string(BROKEN_WEIGHTS)),
     check_preview_broken),
    ("plan", hooks_call("plan"), check_plan),
    ("plan-refused", hooks_call("plan-refused"), check_plan_refused),
]

if __name__ == "__main__":
    with open(os.environ["NST_TEST_WEIGHTS"], "rb") as f:
        head = f.read(4096)
    with open(BROKEN_WEIGHTS, "wb") as f:
        f.write(head)
    batch, cases = run_cases(CASES)
    batch.finish(cases)
