#!/usr/bin/env python3
"""GIMP batch: styles by region (plug-in-neural-style-regions).

Two styles, each given half of the content as a channel (hard, or
feathered 8 px): the result's left
half must take after the first style and its right half after the second,
by a statistic of what each half looks like (the Gram matrix of its RGB
pixels, the style loss's own statistic on raw colours).  The synthetic
weights carry colour statistics well enough for this in 20 evaluations.
Source masks alike: a style layer of two pictures side by side, its style
taken from either half by a channel, makes a result that takes after that
half.  Then regions that are no channels of the image are refused, the
image unchanged.  The procedure without regions keeps its tests elsewhere.
"""

import numpy as np

from harness import run_cases
from test_errors import expect_error

REGIONS_PROC = "plug-in-neural-style-regions"
# Layer offset on a larger canvas for the second case: the channels are in
# the image's coordinates, the content's region in the layer's.
OFFSET = (20, 15)


# `feather`: the channels' edges feathered that many px (soft masks, a
# ramp across the middle), or hard.
def two_halves(name, offset, feather=0):
    ox, oy = offset
    soft = f"(gimp-selection-feather image {feather})" if feather else ""
    resize = (f"(gimp-image-resize image {64 + 2 * ox} {43 + 2 * oy} "
              f"{ox} {oy})" if offset != (0, 0) else "")
    return f"""
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (a (nst-style "style-48.png"))
       (b (nst-style "style2-40.png")))
  {resize}
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE {ox} {oy} 32 43)
  {soft}
  (let ((left (car (gimp-selection-save image))))
    (gimp-image-select-rectangle image CHANNEL-OP-REPLACE {ox + 32} {oy} 32 43)
    {soft}
    (let* ((right (car (gimp-selection-save image)))
           (ignored (gimp-selection-none image))
           (result (nst-call-proc "{REGIONS_PROC}" image content (list a b)
                     (list (cons "iterations" 20)
                           (cons "regions" (vector left right))))))
      (nst-report-layer "result" result)
      (nst-save image result "{name}.png"))))
"""


# Style A's region the mask of another layer, placed apart from the
# content (the mask at x 0, the content at OFFSET): only the mask's own
# offsets put its white over the content's left half.  `guide`: the
# Scheme that makes that layer, 52 x 43 px (the GIMPs' argument orders
# differ).
def layer_mask(guide):
    ox, oy = OFFSET
    return f"""
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (a (nst-style "style-48.png"))
       (b (nst-style "style2-40.png")))
  (gimp-image-resize image {64 + 2 * ox} {43 + 2 * oy} {ox} {oy})
  (let* ((guide {guide})
         (ignored (gimp-image-insert-layer image guide 0 -1))
         (mask (car (gimp-layer-create-mask guide ADD-MASK-WHITE))))
    (gimp-layer-add-mask guide mask)
    (gimp-layer-set-offsets guide 0 {oy})
    (gimp-image-select-rectangle image CHANNEL-OP-REPLACE {ox + 32} {oy} 32 43)
    (let* ((right (car (gimp-selection-save image)))
           (ignored (gimp-selection-none image))
           (result (nst-call-proc "{REGIONS_PROC}" image content (list a b)
                     (list (cons "iterations" 20)
                           (cons "regions" (vector mask right))))))
      (nst-report-layer "result" result)
      (nst-save image result "layer-mask.png"))))
"""


def gram(pixels):
    flat = pixels.reshape(-1, 3) / 255.0
    return flat.T @ flat / len(flat)


def check_two_halves(case):
    case.expect(case.get("result-size") == "64 43",
                f"the result covers the layer: {case.get('result-size')}")
    result = case.image(f"{case.name}.png")[:, :, :3]
    styles = [gram(case.source_image(f)[:, :, :3])
              for f in ("style-48.png", "style2-40.png")]
    for half, pixels, nearer in (("left", result[:, :32], 0),
                                 ("right", result[:, 32:], 1)):
        d = [np.linalg.norm(gram(pixels) - s) for s in styles]
        case.expect(d[nearer] < 0.5 * d[1 - nearer],
                    f"the {half} half is nearer style {'AB'[nearer]}: Gram "
                    f"distances {d[0]:.3f} to A, {d[1]:.3f} to B")


# One style layer of two pictures side by side, 80 x 28 px: style-48.png's
# top-left 40 x 28 px on the left, style2-40.png on the right (halves whose
# colours differ about as much as two-halves' two styles; the merge clips
# to the canvas).  The style is taken from one half only, by a channel of
# the style's image selecting it; the content has no region.  `half`: 0
# the left, 1 the right.  The style layer is saved for the check.  30
# evaluations: at 20 the right half's result is still about as near the
# left half as one taken from the whole layer.
SOURCE_HALF = (40, 28)


def source_mask(name, half):
    w, h = SOURCE_HALF
    return f"""
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (styles (nst-load "style-48.png"))
       (other (nst-style "style2-40.png"))
       (right (car (gimp-layer-new-from-drawable other styles))))
  (gimp-image-resize styles {2 * w} {h} 0 0)
  (gimp-image-insert-layer styles right 0 -1)
  (gimp-layer-set-offsets right {w} 0)
  (let ((style (car (gimp-image-merge-visible-layers styles CLIP-TO-IMAGE))))
    (gimp-image-select-rectangle styles CHANNEL-OP-REPLACE {half * w} 0
                                 {w} {h})
    (let* ((mask (car (gimp-selection-save styles)))
           (ignored (gimp-selection-none styles))
           (result (nst-call-proc "{REGIONS_PROC}" image content (list style)
                     (list (cons "iterations" 30)
                           (cons "source-masks" (vector mask))))))
      (nst-report-layer "result" result)
      (nst-save styles style "{name}-style.png")
      (nst-save image result "{name}.png"))))
"""


# The result takes after the half of the style layer it was given, by the
# Gram statistic of check_two_halves.  Taken from the whole layer it sits
# between the two (the nearer at three quarters of the other's distance):
# the factor 0.5 is what only a source mask reaches.
def check_source_mask(half):
    def check(case):
        case.expect(case.get("result-size") == "64 43",
                    f"the result covers the layer: {case.get('result-size')}")
        w, h = SOURCE_HALF
        style = case.image(f"{case.name}-style.png")[:, :, :3]
        case.expect(style.shape[:2] == (h, 2 * w),
                    f"the style layer is two halves: {style.shape[:2]}")
        halves = [gram(style[:, :w]), gram(style[:, w:])]
        result = gram(case.image(f"{case.name}.png")[:, :, :3])
        d = [np.linalg.norm(result - g) for g in halves]
        case.expect(d[half] < 0.5 * d[1 - half],
                    f"the result is nearer the {('left', 'right')[half]} "
                    f"half, its source: Gram distances {d[0]:.3f} to the "
                    f"left, {d[1]:.3f} to the right")
    return check


# `overrides`: the Scheme alist of the call's arguments to change, with
# `image`, `content` and `style` in scope.
def bad_region(name, overrides):
    return f"""
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (nst-expect-error image content "{name}.png"
    (lambda () (nst-call-proc "{REGIONS_PROC}" image content (list style)
                              {overrides}))))
"""


def regions(key, scheme):
    return f'(list (cons "{key}" (vector {scheme})))'


OTHER_IMAGE_CHANNEL = """(let ((other (nst-load "content-64.png")))
  (gimp-image-select-rectangle other CHANNEL-OP-REPLACE 0 0 32 43)
  (car (gimp-selection-save other)))"""

# The procedure of before, whose arguments have no regions: still there.
# In GIMP 3 the same call, which leaves the new last arguments out.
WITHOUT_REGIONS = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (result (nst-call image content (list (nst-style "style-48.png"))
                         (list (cons "iterations" 1)))))
  (nst-report-layer "result" result)
  (nst-report "layers" (nst-layer-count image)))
"""


def check_without_regions(case):
    case.expect(case.get("layers") == "2" and
                case.get("result-size") == "64 43",
                "the call without regions added its result layer")


CASES = [
    ("without-regions", WITHOUT_REGIONS, check_without_regions),
    ("two-halves", two_halves("two-halves", (0, 0)), check_two_halves),
    ("two-halves-offset", two_halves("two-halves-offset", OFFSET),
     check_two_halves),
    ("two-halves-feathered", two_halves("two-halves-feathered", (0, 0), 8),
     check_two_halves),
    ("layer-mask",
     layer_mask('(car (gimp-layer-new image 52 43 RGBA-IMAGE "guide" 100 '
                'LAYER-MODE-NORMAL))'),
     check_two_halves),
    ("source-mask-left", source_mask("source-mask-left", 0),
     check_source_mask(0)),
    ("source-mask-right", source_mask("source-mask-right", 1),
     check_source_mask(1)),
    ("region-is-layer", bad_region("region-is-layer",
                                   regions("regions", "content")),
     expect_error(["region of style 1", "is a layer", "-1"])),
    ("region-other-image",
     bad_region("region-other-image",
                regions("regions", OTHER_IMAGE_CHANNEL)),
     expect_error(["region of style 1", "another image"])),
    ("source-mask-is-layer",
     bad_region("source-mask-is-layer", regions("source-masks", "style")),
     expect_error(["source mask of style 1", "is a layer"])),
    ("regions-miscounted",
     bad_region("regions-miscounted",
                '(list (cons "num-regions" 2) (cons "regions" (vector -1 -1)))'),
     expect_error(["num-regions", "num-styles"])),
]

if __name__ == "__main__":
    batch, cases = run_cases(CASES)
    batch.finish(cases)
