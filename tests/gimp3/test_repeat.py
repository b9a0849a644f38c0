#!/usr/bin/env python3
"""GIMP 3.0 batch: Filters ▸ Repeat (RUN-WITH-LAST-VALS) killed mid-way.
The check of tests/gimp/test_repeat.py, in GIMP 3's Script-Fu.  A fresh
GIMP 3 profile has no saved values, and GIMP 3 then runs a last-values call
on the arguments given: a preview every evaluation, which the plug-in must
not show under Repeat.
"""

import harness3  # puts the 2.10 suite on the path
import test_killed  # the GIMP 2.10 modules
import test_repeat

REPEAT_KILLED = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (nst-report "layer-names-before" (nst-layer-names image))
  (nst-expect-error image content "repeat-killed.png"
    (lambda () (nst-call image content (list style)
                         (list (cons "run-mode" RUN-WITH-LAST-VALS)
                               (cons "iterations" 100000)
                               (cons "preview-every" 1)))))
  (nst-report "layer-names" (nst-layer-names image)))
"""

if __name__ == "__main__":
    test_killed.run_killed(
        [("repeat-killed", REPEAT_KILLED, test_repeat.check_repeat_killed)],
        harness3.Batch3())
