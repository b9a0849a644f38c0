#!/usr/bin/env python3
"""GIMP batch: selections (rectangular, feathered) and layer offsets.

The work covers the selection's bounding box and the result is blended
through the selection: pixels outside it must not change at all.
"""

import os
import tempfile

import numpy as np
from PIL import Image

from harness import expect_same_picture, mean_change, run_cases, run_cli

RECT = (10, 8, 30, 20)  # x, y, width, height in the 64x43 content

RECT_NEW_LAYER = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 10 8 30 20)
  (let ((result (nst-call image content (list style) '())))
    (nst-report-layer "result" result)
    (nst-report "layers" (nst-layer-count image))
    (nst-save-visible image "rect-new-layer.png")))
"""

RECT_REPLACE = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 10 8 30 20)
  (nst-call image content (list style) '(("output" . 1)))
  (nst-report "layers" (nst-layer-count image))
  (nst-save image content "rect-replace.png"))
"""


def inside(shape, rect):
    x, y, w, h = rect
    mask = np.zeros(shape[:2], bool)
    mask[y:y + h, x:x + w] = True
    return mask


def check_rect(case, file, layers):
    source = case.source_image("content-64.png")
    result = case.image(file)[:, :, :3]
    selected = inside(source.shape, RECT)
    case.expect(case.get("layers") == layers, f"{layers} layer(s) after")
    case.expect((result[~selected] == source[~selected]).all(),
                "pixels outside the selection are unchanged")
    change = mean_change(result[selected], source[selected])
    case.expect(change > 1.0, f"the selection changed ({change:.2f})")


def check_rect_new_layer(case):
    check_rect(case, "rect-new-layer.png", "2")
    case.expect(case.get("result-offsets") == "10 8" and
                case.get("result-size") == "30 20",
                "the new layer covers the selection's bounding box")
    case.expect(case.get("result-mask") != "-1",
                "the new layer has a mask from the selection")


def check_rect_replace(case):
    check_rect(case, "rect-replace.png", "1")


# The same feathered ellipse on two copies of the content: one new layer
# (its pixels and mask saved apart) and one replace.  Same inputs give
# nearly the same stylised pixels on the CPU, so both must show the content
# blended with the new layer's pixels through the selection.  GIMP blends
# in linear light, weighted by the selection's (linear) value; the layer
# mask holds the same weights, stored perceptually in this 8-bit gamma
# image.  The bounds, in levels (see SAME_RUN and OTHER_RUN).
FEATHER = """
(define (feathered-ellipse image)
  (gimp-context-set-feather TRUE)
  (gimp-context-set-feather-radius 12 12)
  (gimp-image-select-ellipse image CHANNEL-OP-REPLACE 12 6 40 30)
  (gimp-context-set-feather FALSE))
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (feathered-ellipse image)
  (nst-save image (car (gimp-selection-save image)) "feather-selection.png")
  (let ((result (nst-call image content (list style) '())))
    (nst-report-layer "result" result)
    (nst-save image result "feather-layer.png")
    (nst-save image (car (gimp-layer-get-mask result)) "feather-mask.png")
    (nst-save-visible image "feather-visible.png")))
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (feathered-ellipse image)
  (nst-call image content (list style) '(("output" . 1)))
  (nst-save image content "feather-replace.png"))
"""


def to_linear(levels):
    v = levels / 255.0
    return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)


def to_levels(linear):
    v = np.where(linear <= 0.0031308, linear * 12.92,
                 1.055 * np.power(linear, 1 / 2.4) - 0.055)
    return 255.0 * v


# The visible image composites the very layer saved: only its own rounding
# of the blend to 8 bits, 0.5, and the mask's perceptual storage, inside 1.
SAME_RUN = 1.0
# The replace is a second run of the plug-in, in a process of its own.  Its
# stylised pixels repeat the first run's only nearly: one new-layer run in
# twenty in GIMP 3 (tests/gimp3) rounded 54 of 3600 values one level apart
# from the others on the same inputs (the engine alone, the CLI, repeats
# exactly; the cause in the plug-in's process is not found).  A layer value
# one level off moves the blend by at most one level: d(blend)/d(layer) =
# m * L'(layer) / L'(blend) in levels, L the sRGB decoding, whose slope
# grows as L^(1.4/2.4) (constant in its linear toe); the blend's linear value
# is at least m times the layer's, so the ratio is at most m^0.42 <= 1.
# Hence 0.5 for the rounding plus 1.
OTHER_RUN = 1.5


def check_feather(case):
    source = case.source_image("content-64.png")
    selection = case.image("feather-selection.png")[:, :, 0]
    mask = case.image("feather-mask.png")[:, :, 0]
    layer = case.image("feather-layer.png")[:, :, :3]
    ox, oy = (int(v) for v in case.numbers("result-offsets"))
    w, h = (int(v) for v in case.numbers("result-size"))

    partial = (selection > 0) & (selection < 255)
    case.expect(partial.sum() > 100, "the selection is feathered")
    ys, xs = np.nonzero(selection)
    case.expect((ox, oy, w, h) == (xs.min(), ys.min(),
                                   xs.max() - xs.min() + 1,
                                   ys.max() - ys.min() + 1),
                "the new layer covers the selection's bounding box, "
                f"not ({ox}, {oy}, {w}, {h})")
    mask_error = np.abs(to_linear(mask) * 255 -
                        selection[oy:oy + h, ox:ox + w]).max()
    case.expect(mask_error <= 1.5, "the new layer's mask is the selection "
                f"(worst pixel {mask_error:.2f} levels off)")

    stylised = source.copy()
    stylised[oy:oy + h, ox:ox + w] = layer
    m = (selection / 255.0)[:, :, None]
    expected = to_levels(to_linear(source) * (1 - m) +
                         to_linear(stylised) * m)
    outside = selection == 0
    for file, bound in (("feather-replace.png", OTHER_RUN),
                        ("feather-visible.png", SAME_RUN)):
        result = case.image(file)[:, :, :3]
        case.expect((result[outside] == source[outside]).all(),
                    f"{file}: pixels outside the selection are unchanged")
        error = np.abs(result - expected).max()
        case.expect(error <= bound,
                    f"{file}: the content blended with the stylised pixels "
                    f"through the selection (worst pixel {error:.2f} levels off)")


# The content layer moved to (20, 15) on a 100x80 canvas; the selection
# covers its top-left corner and some empty canvas.
OFFSETS = """
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
            '(("output" . 1)))
  (nst-save image content "offsets-replace.png"))
"""


def check_offsets(case):
    case.expect(case.get("content-offsets") == "20 15", "the content moved")
    case.expect(case.get("result-offsets") == "20 15" and
                case.get("result-size") == "30 25",
                "the new layer covers the selection within the layer: "
                f"{case.get('result-offsets')} {case.get('result-size')}")
    source = case.source_image("content-64.png")
    layer = case.image("offsets-layer.png")[:, :, :3]
    replaced = case.image("offsets-replace.png")[:, :, :3]
    selected = inside(source.shape, (0, 0, 30, 25))
    case.expect((replaced[~selected] == source[~selected]).all(),
                "replace: the layer outside the selection is unchanged")
    case.expect(np.abs(replaced[selected] - layer.reshape(-1, 3)).max() <= 1,
                "replace wrote the same pixels as the new layer holds, at "
                "the same place")
    change = mean_change(replaced[selected], source[selected])
    case.expect(change > 1.0, f"the selected part changed ({change:.2f})")


# A feathered region whose style (the 64 px picture itself) is larger than
# twice the working size: the plug-in's new layer (its pixels, before the
# mask) must be what the CLI makes of the same crop with the same settings.
REGION_SETTINGS = {"iterations": 8, "size": 26}
REGION_STYLE = "content-64.png"
REGION_CLI = f"""
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "{REGION_STYLE}")))
  (gimp-context-set-feather TRUE)
  (gimp-context-set-feather-radius 6 6)
  (gimp-image-select-ellipse image CHANNEL-OP-REPLACE 20 10 36 26)
  (gimp-context-set-feather FALSE)
  (let ((result (nst-call image content (list style)
                          '(("iterations" . {REGION_SETTINGS["iterations"]})
                            ("size" . {REGION_SETTINGS["size"]})))))
    (nst-report-layer "result" result)
    ; Its own pixels, not the selection's blend.
    (gimp-layer-remove-mask result MASK-DISCARD)
    (nst-save image result "region-layer.png")))
"""


def cli_on_crop(box):
    """The CLI on the crop `box` of the content, with lib.scm's test values
    (fp32: automatic precision would pick bf16 on a CPU with AMX) and
    REGION_SETTINGS."""
    x, y, w, h = box
    data = os.environ["NST_TEST_DATA"]
    with tempfile.TemporaryDirectory() as tmp:
        crop = os.path.join(tmp, "crop.png")
        out = os.path.join(tmp, "out.png")
        Image.open(os.path.join(data, "content-64.png")).convert("RGB") \
            .crop((x, y, x + w, y + h)).save(crop)
        run_cli(crop, os.path.join(data, REGION_STYLE), "-o", out,
                "--init", "noise", "--seed", "0", "--content-weight", "1",
                "--style-weight", "1e4", "--tv-weight", "0",
                "--precision", "fp32",
                "--size", str(REGION_SETTINGS["size"]),
                "--iterations", str(REGION_SETTINGS["iterations"]))
        return np.asarray(Image.open(out).convert("RGB"), dtype=float)


def check_region_cli(case):
    box = [int(v) for v in case.numbers("result-offsets") +
           case.numbers("result-size")]
    case.expect(box[2] < 64 and box[3] < 43, f"a region: {box}")
    expect_same_picture(case, case.image("region-layer.png")[:, :, :3],
                        cli_on_crop(box),
                        f"the region's layer and the CLI on the crop {box}")


CASES = [
    ("rect-new-layer", RECT_NEW_LAYER, check_rect_new_layer),
    ("rect-replace", RECT_REPLACE, check_rect_replace),
    ("feather", FEATHER, check_feather),
    ("offsets", OFFSETS, check_offsets),
    ("region-cli", REGION_CLI, check_region_cli),
]

if __name__ == "__main__":
    batch, cases = run_cases(CASES)
    batch.finish(cases)
