#!/usr/bin/env python3
"""GIMP batch: output modes, the returned layer, naming, undo state."""

from harness import mean_change, run_cases

# Loaded pictures have one layer, "Background"; a style layer of another
# image is named after that image.
NEW_LAYER = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (gimp-image-clean-all image)
  (let ((result (nst-call image content (list style) '())))
    (nst-report "result" result)
    (nst-report "content" content)
    (nst-report "top" (vector-ref (cadr (gimp-image-get-layers image)) 0))
    (nst-report "active" (car (gimp-image-get-active-layer image)))
    (nst-report-layer "result" result)
    (nst-report-layer "content" content)
    (nst-report-state image)
    (nst-save image result "new-layer-result.png")
    (nst-save image content "new-layer-content.png")))
"""


def check_new_layer(case):
    case.expect(case.get("layers") == "2",
                f"2 layers after the run (content + result, no preview "
                f"layer left), not {case.get('layers')}")
    case.expect(case.get("result") == case.get("top"),
                "the returned id is the new top layer")
    case.expect(case.get("active") == case.get("result"),
                "the new layer is the active layer")
    case.expect(case.get("result-position") == "0" and
                case.get("content-position") == "1",
                "the new layer is just above the content")
    case.expect(case.get("result-name") ==
                "Background in the style of style-48.png",
                f"the new layer's name: {case.get('result-name')!r}")
    case.expect(case.get("result-offsets") == "0 0" and
                case.get("result-size") == "64 43",
                "the new layer covers the content layer")
    case.expect(case.get("result-mask") == "-1",
                "no mask without a selection")
    case.expect(case.get("undo-enabled") == "true",
                "undo is still enabled (no freeze left behind)")
    case.expect(case.get("dirty") == "true", "the run made the image dirty")
    source = case.source_image("content-64.png")
    content = case.image("new-layer-content.png")
    result = case.image("new-layer-result.png")
    case.expect((content[:, :, :3] == source).all(),
                "the content layer is unchanged")
    case.expect(result.shape == (43, 64, 4), f"result shape {result.shape}")
    case.expect((result[:, :, 3] == 255).all(),
                "the result is opaque like the content")
    change = mean_change(result[:, :, :3], source)
    case.expect(change > 1.0,
                f"the result differs from the content (mean change "
                f"{change:.2f} levels)")


REPLACE = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style2-40.png")))
  (gimp-image-clean-all image)
  (let ((result (nst-call image content (list style)
                          '(("output" . 1) ("preview-every" . 0)))))
    (nst-report "result" result)
    (nst-report "content" content)
    (nst-report-state image)
    (nst-save image content "replace.png")))
"""


def check_replace(case):
    case.expect(case.get("layers") == "1", "still one layer")
    case.expect(case.get("result") == case.get("content"),
                "replace returns the content layer")
    case.expect(case.get("undo-enabled") == "true", "undo still enabled")
    case.expect(case.get("dirty") == "true", "the run made the image dirty")
    source = case.source_image("content-64.png")
    result = case.image("replace.png")
    change = mean_change(result[:, :, :3], source)
    case.expect(change > 1.0, f"the layer changed ({change:.2f} levels)")


# Two styles: one from another image, one a hidden layer of the same image
# (named after its file by gimp-file-load-layer), unequal blends.
TWO_STYLES = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png"))
       (path (nst-path nst-images "style2-40.png"))
       (own (car (gimp-file-load-layer RUN-NONINTERACTIVE image path))))
  (gimp-image-insert-layer image own 0 1)
  (gimp-item-set-visible own FALSE)
  (let ((result (nst-call image content (list style own)
                          '(("style-blend" . #(2.0 0.5))))))
    (nst-report-layer "result" result)
    (nst-report "layers" (nst-layer-count image))
    (nst-save image result "two-styles.png")))
"""


def check_two_styles(case):
    case.expect(case.get("result-name") ==
                "Background in the style of style-48.png + style2-40.png",
                f"the new layer's name: {case.get('result-name')!r}")
    case.expect(case.get("layers") == "3", "content, style and result")
    source = case.source_image("content-64.png")
    change = mean_change(case.image("two-styles.png")[:, :, :3], source)
    case.expect(change > 1.0, f"the result differs ({change:.2f} levels)")


CASES = [
    ("new-layer", NEW_LAYER, check_new_layer),
    ("replace", REPLACE, check_replace),
    ("two-styles", TWO_STYLES, check_two_styles),
]

if __name__ == "__main__":
    batch, cases = run_cases(CASES)
    batch.finish(cases)
