#!/usr/bin/env python3
"""GIMP 3.0 batch: alpha, grey images, precisions, indexed styles, groups.

The cases and checks of tests/gimp/test_formats.py, in GIMP 3's Script-Fu.
"""

from harness3 import run_module

BODIES = {
    "alpha": """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (gimp-layer-add-alpha content)
  (gimp-context-set-feather #t)
  (gimp-context-set-feather-radius 8 8)
  (gimp-image-select-ellipse image CHANNEL-OP-REPLACE 14 6 36 30)
  (gimp-context-set-feather #f)
  (gimp-drawable-edit-clear content)
  (gimp-selection-none image)
  (nst-save image content "alpha-content.png")
  (nst-save image (nst-call image content (list style) '())
            "alpha-new-layer.png")
  (nst-call image content (list style) '(("output" . "replace")))
  (nst-save image content "alpha-replace.png"))
""",
    "grey": """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (gimp-image-convert-grayscale image)
  (nst-save image content "grey-content.png")
  (let ((result (nst-call image content (list style) '())))
    (nst-report-layer "result" result)
    (nst-save image result "grey-new-layer.png"))
  (nst-call image content (list style) '(("output" . "replace")))
  (nst-report "content-gray" (gimp-drawable-is-gray content))
  (nst-save image content "grey-replace.png"))
""",
    # GIMP 3 calls 2.10's "gamma" precisions "non-linear".
    "precisions": """
(define (stylise precision file)
  (let* ((image (nst-load "content-64.png"))
         (content (nst-drawable image)))
    (if (not (= precision PRECISION-U8-NON-LINEAR))
        (gimp-image-convert-precision image precision))
    (nst-call image content (list (nst-style "style-48.png"))
              '(("output" . "replace")))
    (nst-report file (list precision (gimp-image-get-precision image)))
    (if (not (= precision PRECISION-U8-NON-LINEAR))
        (gimp-image-convert-precision image PRECISION-U8-NON-LINEAR))
    (nst-save image content file)))
(stylise PRECISION-U8-NON-LINEAR "u8.png")
(stylise PRECISION-U16-LINEAR "u16-linear.png")
(stylise PRECISION-FLOAT-NON-LINEAR "float.png")
""",
    "indexed-style": """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style-image (nst-load "style-48.png")))
  (gimp-image-convert-indexed style-image CONVERT-DITHER-NONE
                              CONVERT-PALETTE-GENERATE 16 #f #f "")
  (nst-save image (nst-call image content
                            (list (nst-drawable style-image)) '())
            "indexed-style.png"))
""",
    "group": """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (group (gimp-group-layer-new image "group")))
  (gimp-image-insert-layer image group 0 0)
  (gimp-image-reorder-item image content group 0)
  (let ((result (nst-call image group (list (nst-style "style-48.png"))
                          '())))
    (nst-report "group-position" (gimp-image-get-item-position image group))
    (nst-report "result-parent" (gimp-item-get-parent result))
    (nst-report-layer "result" result)
    (nst-save image result "group.png")))
""",
}

if __name__ == "__main__":
    run_module("test_formats", BODIES)
