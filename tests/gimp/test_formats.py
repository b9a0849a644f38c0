#!/usr/bin/env python3
"""GIMP batch: alpha, grey images, precisions, indexed styles, groups."""

from harness import mean_change, run_cases

# A feathered hole in the content gives every level of alpha.
ALPHA = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (gimp-layer-add-alpha content)
  (gimp-context-set-feather TRUE)
  (gimp-context-set-feather-radius 8 8)
  (gimp-image-select-ellipse image CHANNEL-OP-REPLACE 14 6 36 30)
  (gimp-context-set-feather FALSE)
  (gimp-drawable-edit-clear content)
  (gimp-selection-none image)
  (nst-save image content "alpha-content.png")
  (nst-save image (nst-call image content (list style) '())
            "alpha-new-layer.png")
  (nst-call image content (list style) '(("output" . 1)))
  (nst-save image content "alpha-replace.png"))
"""


def check_alpha(case):
    content = case.image("alpha-content.png")
    alpha = content[:, :, 3]
    case.expect(((alpha > 0) & (alpha < 255)).sum() > 50 and
                (alpha == 0).any(), "the content has a feathered hole")
    for file in ("alpha-new-layer.png", "alpha-replace.png"):
        result = case.image(file)
        case.expect((result[:, :, 3] == alpha).all(),
                    f"{file}: the content's alpha is kept exactly")
        visible = alpha > 0
        change = mean_change(result[visible][:, :3], content[visible][:, :3])
        case.expect(change > 1.0, f"{file}: the result differs from the "
                    f"content ({change:.2f} levels)")


GREY = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (gimp-image-convert-grayscale image)
  (nst-save image content "grey-content.png")
  (let ((result (nst-call image content (list style) '())))
    (nst-report-layer "result" result)
    (nst-save image result "grey-new-layer.png"))
  (nst-call image content (list style) '(("output" . 1)))
  (nst-report "content-gray" (= 1 (car (gimp-drawable-is-gray content))))
  (nst-save image content "grey-replace.png"))
"""


def check_grey(case):
    case.expect(case.get("result-gray") == "true",
                "the new layer of a grey image is grey")
    case.expect(case.get("content-gray") == "true", "the content stays grey")
    content = case.image("grey-content.png")
    for file in ("grey-new-layer.png", "grey-replace.png"):
        result = case.image(file)
        change = mean_change(result[:, :, :1], content[:, :, :1])
        case.expect(change > 1.0, f"{file}: changed ({change:.2f} levels)")


# The same stylisation at three precisions, compared at 8 bits: reading or
# writing linear or float data as if it were 8-bit gamma would be tens of
# levels off.
PRECISIONS = """
(define (stylise precision file)
  (let* ((image (nst-load "content-64.png"))
         (content (nst-drawable image)))
    (if (not (= precision PRECISION-U8-GAMMA))
        (gimp-image-convert-precision image precision))
    (nst-call image content (list (nst-style "style-48.png"))
              '(("output" . 1)))
    (nst-report file (list precision
                           (car (gimp-image-get-precision image))))
    (if (not (= precision PRECISION-U8-GAMMA))
        (gimp-image-convert-precision image PRECISION-U8-GAMMA))
    (nst-save image content file)))
(stylise PRECISION-U8-GAMMA "u8.png")
(stylise PRECISION-U16-LINEAR "u16-linear.png")
(stylise PRECISION-FLOAT-GAMMA "float.png")
"""


def check_precisions(case):
    u8 = case.image("u8.png")
    source = case.source_image("content-64.png")
    case.expect(mean_change(u8[:, :, :3], source) > 1.0, "u8: changed")
    for file in ("u16-linear.png", "float.png"):
        asked, got = case.get(file).split()
        case.expect(asked == got, f"{file}: the image keeps its precision")
        change = mean_change(case.image(file), u8)
        case.expect(change < 0.5, f"{file}: the same result as at 8 bits "
                    f"(mean difference {change:.2f} levels)")


INDEXED_STYLE = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style-image (nst-load "style-48.png")))
  (gimp-image-convert-indexed style-image CONVERT-DITHER-NONE
                              CONVERT-PALETTE-GENERATE 16 FALSE FALSE "")
  (nst-save image (nst-call image content
                            (list (nst-drawable style-image)) '())
            "indexed-style.png"))
"""


def check_indexed_style(case):
    source = case.source_image("content-64.png")
    change = mean_change(case.image("indexed-style.png")[:, :, :3], source)
    case.expect(change > 1.0, f"stylised ({change:.2f} levels)")


# A layer group as content: its projection is read, the new layer goes
# above the group, inside the group's parent.
GROUP = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (group (car (gimp-layer-group-new image))))
  (gimp-image-insert-layer image group 0 0)
  (gimp-image-reorder-item image content group 0)
  (let ((result (nst-call image group (list (nst-style "style-48.png"))
                          '())))
    (nst-report "group-position" (car (gimp-image-get-item-position image
                                                                     group)))
    (nst-report "result-parent" (car (gimp-item-get-parent result)))
    (nst-report-layer "result" result)
    (nst-save image result "group.png")))
"""


def check_group(case):
    case.expect(case.get("result-parent") == "-1", "the new layer is at the "
                f"group's level, not in {case.get('result-parent')}")
    case.expect(case.get("result-position") == "0" and
                case.get("group-position") == "1", "just above the group")
    source = case.source_image("content-64.png")
    change = mean_change(case.image("group.png")[:, :, :3], source)
    case.expect(change > 1.0, f"stylised ({change:.2f} levels)")


CASES = [
    ("alpha", ALPHA, check_alpha),
    ("grey", GREY, check_grey),
    ("precisions", PRECISIONS, check_precisions),
    ("indexed-style", INDEXED_STYLE, check_indexed_style),
    ("group", GROUP, check_group),
]

if __name__ == "__main__":
    batch, cases = run_cases(CASES)
    batch.finish(cases)
