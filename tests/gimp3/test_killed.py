#!/usr/bin/env python3
"""GIMP 3.0 batch: a run killed the way Cancel in GIMP's progress bar kills
it.  The case and check of tests/gimp/test_killed.py, in GIMP 3's
Script-Fu.
"""

import harness3  # puts the 2.10 suite on the path
import test_killed  # the GIMP 2.10 module

KILLED = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (nst-expect-error image content "killed.png"
    (lambda () (nst-call image content (list style)
                         (list (cons "iterations" 100000)))))
  (nst-report "layer-names" (nst-layer-names image))
  (nst-call image content (list style) (list (cons "output" "replace")))
  (nst-report "after-undo-enabled" (gimp-image-undo-is-enabled image))
  (nst-save image content "after-kill.png"))
"""

if __name__ == "__main__":
    test_killed.run_killed([("killed", KILLED, test_killed.check_killed)],
                           harness3.Batch3())
