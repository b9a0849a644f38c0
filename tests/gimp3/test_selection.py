#!/usr/bin/env python3
"""GIMP 3.0 batch: selections (rectangular, feathered) and layer offsets.

The cases and checks of tests/gimp/test_selection.py, in GIMP 3's
Script-Fu.
"""

from harness3 import run_module

BODIES = {
    "rect-new-layer": """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 10 8 30 20)
  (let ((result (nst-call image content (list style) '())))
    (nst-report-layer "result" result)
    (nst-report "layers" (nst-layer-count image))
    (nst-save-visible image "rect-new-layer.png")))
""",
    "rect-replace": """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 10 8 30 20)
  (nst-call image content (list style) '(("output" . "replace")))
  (nst-report "layers" (nst-layer-count image))
  (nst-save image content "rect-replace.png"))
""",
    "feather": """
(define (feathered-ellipse image)
  (gimp-context-set-feather #t)
  (gimp-context-set-feather-radius 12 12)
  (gimp-image-select-ellipse image CHANNEL-OP-REPLACE 12 6 40 30)
  (gimp-context-set-feather #f))
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (feathered-ellipse image)
  (nst-save image (gimp-selection-save image) "feather-selection.png")
  (let ((result (nst-call image content (list style) '())))
    (nst-report-layer "result" result)
    (nst-save image result "feather-layer.png")
    (nst-save image (gimp-layer-get-mask result) "feather-mask.png")
    (nst-save-visible image "feather-visible.png")))
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (feathered-ellipse image)
  (nst-call image content (list style) '(("output" . "replace")))
  (nst-save image content "feather-replace.png"))
""",
    "offsets": """
(define (moved-content)
  (let ((image (nst-load "content-64.png")))
    (gimp-image-resize image 100 80 20 15)
    (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 0 0 50 40)
    image))
(let* ((image (moved-content))
       (content (nst-drawable image))
       (result (nst-call image content (list (nst-style "style-48.png")) '())))
  (nst-report-layer "content" content)
  (nst-report-layer "result" result)
  (nst-save image result "offsets-layer.png"))
(let* ((image (moved-content))
       (content (nst-drawable image)))
  (nst-call image content (list (nst-style "style-48.png"))
            '(("output" . "replace")))
  (nst-save image content "offsets-replace.png"))
""",
    "region-cli": """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "content-64.png")))
  (gimp-context-set-feather #t)
  (gimp-context-set-feather-radius 6 6)
  (gimp-image-select-ellipse image CHANNEL-OP-REPLACE 20 10 36 26)
  (gimp-context-set-feather #f)
  (let ((result (nst-call image content (list style)
                          '(("iterations" . 8) ("size" . 26)))))
    (nst-report-layer "result" result)
    (gimp-layer-remove-mask result MASK-DISCARD)
    (nst-save image result "region-layer.png")))
""",
}

if __name__ == "__main__":
    run_module("test_selection", BODIES)
