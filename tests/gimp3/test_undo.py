#!/usr/bin/env python3
"""GIMP 3.0 with its GUI: one undo step per run.

The flow and check of tests/gimp/test_undo.py, in GIMP 3's Script-Fu:
gimp-3.0 on Xvfb stylises a selection twice and starts Script-Fu's server
(GIMP 3.0 still has plug-in-script-fu-server, with the same arguments and
protocol), which answers questions while xdotool types Ctrl+Z into the
image window.  As in GIMP 2.10, undo is not in the PDB: Edit ▸ Undo, typed
as a user types it, is what the test takes back.

Exits 77 (skipped) without Xvfb or xdotool.
"""

import harness3
import test_undo  # the GIMP 2.10 module

# GIMP 3 names a loaded picture "[Untitled]" (it has no file, only an
# imported one): a file name, as the 2.10 suite's nst-load gives, lets the
# server and xdotool find the image.  GIMP 3 takes only XCF file names.
GUI_SCRIPT = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (gimp-image-set-file image (nst-path nst-out "content-64.xcf"))
  (gimp-display-new image)
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 10 8 30 20)
  (nst-call image content (list style) '())
  (nst-call image content (list style) '(("output" . "replace")))
  (gimp-displays-flush))
(plug-in-script-fu-server RUN-NONINTERACTIVE "127.0.0.1" @PORT@ "")
"""

SERVER_SETUP = """
(define nst-image
  (let loop ((images (vector->list (gimp-get-images))))
    (if (string=? (gimp-image-get-name (car images)) "content-64.xcf")
        (car images)
        (loop (cdr images)))))
(define (nst-content)
  (let ((layers (gimp-image-get-layers nst-image)))
    (vector-ref layers (- (vector-length layers) 1))))
"""

STATE = """
(begin (nst-save nst-image (nst-content) "@NAME@-content.png")
       (nst-save-visible nst-image "@NAME@-visible.png")
       (nst->string (list (nst-layer-count nst-image)
                          (map (lambda (l) (gimp-item-get-name l))
                               (vector->list (gimp-image-get-layers
                                              nst-image))))))
"""


class UndoTest3(test_undo.UndoTest):
    gui_script = GUI_SCRIPT
    server_setup = SERVER_SETUP
    state_query = STATE

    def make_batch(self):
        return harness3.Batch3()


if __name__ == "__main__":
    UndoTest3().main()
