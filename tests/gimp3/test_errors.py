#!/usr/bin/env python3
"""GIMP 3.0 batch: wrong calls and missing weights.

The cases of tests/gimp/test_errors.py in GIMP 3's Script-Fu.  Each must
fail with a message a person can act on and leave the image exactly as it
was.  Where GIMP 3 itself refuses a value before the plug-in runs (an
argument out of its range, an unknown choice, an object of the wrong
kind), the message is GIMP's, and the words checked are GIMP's; and GIMP
3's arguments have no num-styles or num-blends to name.
"""

from harness3 import run_module

from test_errors import (FAILS_WHILE_RUNNING, bad_call,  # the GIMP 2.10
                         check_other_image, expect_error,  # module
                         failing_run, other_image)

# (case, the call's arguments to change, words the message must hold), as
# in the 2.10 module, with GIMP 3's argument values.
BAD_ARGUMENTS = [
    ("iterations-out-of-range", '(list (cons "iterations" 0))',
     ["value 0 out of range", "1 to 100000"]),
    ("style-weight-negative", '(list (cons "style-weight" -1.0))',
     ["out of range"]),
    ("output-unknown", '(list (cons "output" "sideways"))',
     ["invalid value"]),
    ("blend-zero", '(list (cons "style-blend" (vector 0.0)))',
     ["blend weight", "0"]),
    ("blends-miscounted",
     '(list (cons "styles" (vector style style))'
     ' (cons "style-blend" (vector 1.0)))',
     ["one blend weight per style", "style-blend has 1, styles has 2"]),
    ("too-many-styles",
     '(list (cons "styles" (vector style style style style))'
     ' (cons "style-blend" (vector 1.0 1.0 1.0 1.0)))',
     ["between 1 and 3 style layers", "got 4"]),
    # A memory budget no plan fits: refused before anything is computed.
    ("memory-too-small", '(list (cons "memory" 1))',
     ["memory budget is 1 MiB", "(memory)"]),
    ("missing-weights",
     '(list (cons "weights" "/nonexistent/vgg19.safetensors"))',
     ["/nonexistent/vgg19.safetensors"]),
]

BODIES = {name: bad_call(name, overrides)
          for name, overrides, _ in BAD_ARGUMENTS}
CHECKS = {name: expect_error(words) for name, _, words in BAD_ARGUMENTS}

# With no saved settings GIMP 3 runs on the arguments given, where 2.10
# fails.  (Filters ▸ Repeat, which passes no style, gets the plug-in's
# "no saved settings" message; a call without styles, test_pdb.py's
# named-no-styles.)
BODIES["last-values-none"] = bad_call(
    "last-values-none", '(list (cons "run-mode" RUN-WITH-LAST-VALS))')


def check_last_values_none(case):
    case.expect(case.get("outcome") == "ok",
                f"the call runs on its arguments: {case.get('message')}")
    case.expect(int(case.get("layers")) == int(case.get("layers-before")) + 1,
                "it added the result layer")


CHECKS["last-values-none"] = check_last_values_none

BODIES["deleted-style"] = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style-image (nst-load "style-48.png"))
       (style (nst-drawable style-image)))
  (gimp-image-delete style-image)
  (nst-expect-error image content "deleted-style.png"
    (lambda () (nst-call image content (list style) '()))))
"""
# GIMP 3 leaves the deleted style out of the array; the plug-in says why
# the one blend weight has no style.
CHECKS["deleted-style"] = expect_error(["does not exist", "deleted",
                                        "style-blend has 1, styles has 0"])

BODIES["not-a-drawable"] = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (path (gimp-path-new image "path")))
  (gimp-image-insert-path image path 0 0)
  (nst-expect-error image content "not-a-drawable.png"
    (lambda () (nst-call image content (list path) '()))))
"""
CHECKS["not-a-drawable"] = expect_error(["invalid value"])

# The layer sits at (20, 15) on a bigger canvas; the selection misses it.
BODIES["selection-misses"] = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image)))
  (gimp-image-resize image 100 80 20 15)
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 0 0 15 10)
  (nst-expect-error image content "selection-misses.png"
    (lambda () (nst-call image content (list (nst-style "style-48.png"))
                         '()))))
"""

BODIES["indexed-content"] = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image)))
  (gimp-image-convert-indexed image CONVERT-DITHER-NONE
                              CONVERT-PALETTE-GENERATE 255 #f #f "")
  (nst-save image content "indexed-content-before.png")
  (nst-expect-error image content "indexed-content.png"
    (lambda () (nst-call image content (list (nst-style "style-48.png"))
                         '()))))
"""

BODIES["replace-group"] = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (group (gimp-group-layer-new image "group")))
  (gimp-image-insert-layer image group 0 0)
  (gimp-image-reorder-item image content group 0)
  (nst-expect-error image content "replace-group.png"
    (lambda () (nst-call image group (list (nst-style "style-48.png"))
                         '(("output" . "replace"))))))
"""

for name, overrides, words in FAILS_WHILE_RUNNING:
    BODIES[name] = failing_run(name, overrides)
    CHECKS[name] = expect_error(words)

BODIES["other-image"] = other_image("(gimp-image-is-dirty other)")
CHECKS["other-image"] = check_other_image

# An error nothing catches: batch mode must print the message.
UNCAUGHT = """
(let* ((image (nst-load "content-64.png")))
  (nst-call image (nst-drawable image) (list (nst-style "style-48.png"))
            '(("weights" . "/nonexistent/vgg19.safetensors"))))
"""


def check_uncaught(case):
    case.expect("batch command experienced an execution error" in case.log,
                "batch mode reports the failed command")
    case.expect("plug-in-neural-style" in case.log and
                "/nonexistent/vgg19.safetensors" in case.log,
                "with the plug-in's message on stderr")


if __name__ == "__main__":
    run_module("test_errors", BODIES, CHECKS,
               raising=[("uncaught", UNCAUGHT, check_uncaught)])
