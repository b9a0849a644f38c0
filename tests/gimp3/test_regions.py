#!/usr/bin/env python3
"""GIMP 3.0 batch: styles by region.

The cases and checks of tests/gimp/test_regions.py, in GIMP 3's Script-Fu:
GIMP 3 has no second procedure, its plug-in-neural-style takes the regions
as optional last arguments, and without-regions calls it without them.
"""

from harness3 import run_module

import test_regions

# The 2.10 bodies in the v3 dialect: calls return their value, and the
# regions go to the one procedure.
V3 = [('(nst-call-proc "plug-in-neural-style-regions" ', "(nst-call-regions "),
      ("(car (gimp-selection-save image))", "(gimp-selection-save image)"),
      ("(car (gimp-selection-save other))", "(gimp-selection-save other)"),
      ("(car (gimp-layer-create-mask guide ADD-MASK-WHITE))",
       "(gimp-layer-create-mask guide ADD-MASK-WHITE)"),
      ("(car (gimp-layer-new-from-drawable other styles))",
       "(gimp-layer-new-from-drawable other styles)"),
      ("(car (gimp-image-merge-visible-layers styles CLIP-TO-IMAGE))",
       "(gimp-image-merge-visible-layers styles CLIP-TO-IMAGE)"),
      ("(car (gimp-selection-save styles))", "(gimp-selection-save styles)")]


def v3(body):
    for old, new in V3:
        body = body.replace(old, new)
    return body


BODIES = {name: v3(body) for name, body, _ in test_regions.CASES}
BODIES["layer-mask"] = v3(test_regions.layer_mask(
    '(gimp-layer-new image "guide" 52 43 RGBA-IMAGE 100 LAYER-MODE-NORMAL)'))

# GIMP 3's arrays carry their length: the plug-in compares it to the
# styles'.
CHECKS = {"regions-miscounted":
          test_regions.expect_error(["regions", "it has 2, styles has 1"])}

if __name__ == "__main__":
    run_module("test_regions", BODIES, CHECKS)
