#!/usr/bin/env python3
"""GIMP 3.0 batch: output modes, the returned layer, naming, undo state.

The cases and checks of tests/gimp/test_output.py, in GIMP 3's Script-Fu.
"""

from harness3 import run_module

import test_output  # the GIMP 2.10 module, through harness3's path


def untitled_style(check, name):
    """The 2.10 check, but for the result layer's name: GIMP 3 gives an
    image that a script loads from a PNG no file name at all ("[Untitled]"
    is all GIMP calls it), so the plug-in names the style that way.  An
    image opened in GIMP's window keeps its file's name, as in 2.10."""
    def check_untitled(case):
        check(case)
        case.failures = [failure for failure in case.failures
                         if not failure.startswith("the new layer's name")]
        case.expect(case.get("result-name") == name,
                    f"the new layer's name: {case.get('result-name')!r}")
    return check_untitled


CHECKS = {
    "new-layer": untitled_style(test_output.check_new_layer,
                                "Background in the style of [Untitled]"),
    "two-styles": untitled_style(
        test_output.check_two_styles,
        "Background in the style of [Untitled] + style2-40.png"),
}

BODIES = {
    "new-layer": """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (gimp-image-clean-all image)
  (let ((result (nst-call image content (list style) '())))
    (nst-report "result" result)
    (nst-report "content" content)
    (nst-report "top" (vector-ref (gimp-image-get-layers image) 0))
    (nst-report "active"
                (vector-ref (gimp-image-get-selected-layers image) 0))
    (nst-report-layer "result" result)
    (nst-report-layer "content" content)
    (nst-report-state image)
    (nst-save image result "new-layer-result.png")
    (nst-save image content "new-layer-content.png")))
""",
    "replace": """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style2-40.png")))
  (gimp-image-clean-all image)
  (let ((result (nst-call image content (list style)
                          '(("output" . "replace") ("preview-every" . 0)))))
    (nst-report "result" result)
    (nst-report "content" content)
    (nst-report-state image)
    (nst-save image content "replace.png")))
""",
    "two-styles": """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png"))
       (path (nst-path nst-images "style2-40.png"))
       (own (gimp-file-load-layer RUN-NONINTERACTIVE image path)))
  (gimp-image-insert-layer image own 0 1)
  (gimp-item-set-visible own #f)
  (let ((result (nst-call image content (list style own)
                          '(("style-blend" . #(2.0 0.5))))))
    (nst-report-layer "result" result)
    (nst-report "layers" (nst-layer-count image))
    (nst-save image result "two-styles.png")))
""",
}

if __name__ == "__main__":
    run_module("test_output", BODIES, CHECKS)
