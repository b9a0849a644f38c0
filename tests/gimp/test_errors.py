#!/usr/bin/env python3
"""GIMP batch: wrong calls and missing weights.

Each must fail with a message a person can act on, reach the Script-Fu
caller as the procedure's error, and leave the image exactly as it was:
same pixels, same layers, no undo step (the image stays clean).
"""

from harness import run_cases

# (case, the call's arguments to change as a Scheme alist, words the
# message must hold)
BAD_ARGUMENTS = [
    ("iterations-out-of-range", '(list (cons "iterations" 0))',
     ["iterations"]),
    ("style-weight-negative", '(list (cons "style-weight" -1.0))',
     ["style-weight"]),
    ("output-unknown", '(list (cons "output" 7))', ["output"]),
    ("blend-zero", '(list (cons "style-blend" (vector 0.0)))',
     ["blend weight", "0"]),
    ("blends-miscounted",
     '(list (cons "num-styles" 2) (cons "styles" (vector style style))'
     ' (cons "num-blends" 1) (cons "style-blend" (vector 1.0)))',
     ["num-blends", "num-styles"]),
    ("too-many-styles",
     '(list (cons "num-styles" 4)'
     ' (cons "styles" (vector style style style style))'
     ' (cons "num-blends" 4) (cons "style-blend" (vector 1.0 1.0 1.0 1.0)))',
     ["num-styles", "3"]),
    ("missing-weights",
     '(list (cons "weights" "/nonexistent/vgg19.safetensors"))',
     ["/nonexistent/vgg19.safetensors"]),
    # A memory budget no plan fits: refused before anything is computed.
    ("memory-too-small", '(list (cons "memory" 1))',
     ["memory budget is 1 MiB", "(memory)"]),
    ("last-values-none", '(list (cons "run-mode" RUN-WITH-LAST-VALS))',
     ["no saved settings"]),
]


def bad_call(name, overrides):
    return f"""
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (nst-expect-error image content "{name}.png"
    (lambda () (nst-call image content (list style) {overrides}))))
"""


DELETED_STYLE = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style-image (nst-load "style-48.png"))
       (style (nst-drawable style-image)))
  (gimp-image-delete style-image)
  (nst-expect-error image content "deleted-style.png"
    (lambda () (nst-call image content (list style) '()))))
"""

NOT_A_DRAWABLE = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (path (car (gimp-vectors-new image "path"))))
  (gimp-image-insert-vectors image path 0 0)
  (nst-expect-error image content "not-a-drawable.png"
    (lambda () (nst-call image content (list path) '()))))
"""

# The layer sits at (20, 15) on a bigger canvas; the selection misses it.
SELECTION_MISSES = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image)))
  (gimp-image-resize image 100 80 20 15)
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 0 0 15 10)
  (nst-expect-error image content "selection-misses.png"
    (lambda () (nst-call image content (list (nst-style "style-48.png"))
                         '()))))
"""

INDEXED_CONTENT = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image)))
  (gimp-image-convert-indexed image CONVERT-DITHER-NONE
                              CONVERT-PALETTE-GENERATE 255 FALSE FALSE "")
  (nst-save image content "indexed-content-before.png")
  (nst-expect-error image content "indexed-content.png"
    (lambda () (nst-call image content (list (nst-style "style-48.png"))
                         '()))))
"""

REPLACE_GROUP = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (group (car (gimp-layer-group-new image))))
  (gimp-image-insert-layer image group 0 0)
  (gimp-image-reorder-item image content group 0)
  (nst-expect-error image content "replace-group.png"
    (lambda () (nst-call image group (list (nst-style "style-48.png"))
                         '(("output" . 1))))))
"""

# Calls whose arguments pass every check but whose run then fails: the
# preview layer came and went, and the image must still be clean.
FAILS_WHILE_RUNNING = [
    ("corrupt-weights",
     '(list (cons "weights" (nst-path nst-images "style-48.png")))',
     ["style-48.png", "safetensors"]),
    ("too-small-at-size-0", '(list (cons "preview-every" 1))',
     ["16 px", "size"]),
]


def failing_run(name, overrides):
    return f"""
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  {'(gimp-image-select-rectangle image CHANNEL-OP-REPLACE 0 0 10 10)'
   if name == "too-small-at-size-0" else ""}
  (nst-expect-error image content "{name}.png"
    (lambda () (nst-call image content (list style) {overrides}))))
"""


# The drawable is in `image`, the call names `other`: neither changes.
# `is_dirty`: the Scheme that says whether `other` is dirty, by GIMP.
def other_image(is_dirty="(= 1 (car (gimp-image-is-dirty other)))"):
    return f"""
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (other (nst-load "content-64.png")))
  (gimp-image-clean-all other)
  (nst-expect-error image content "other-image.png"
    (lambda () (nst-call other content (list (nst-style "style-48.png"))
                         '())))
  (nst-report "other-layers" (nst-layer-count other))
  (nst-report "other-dirty" {is_dirty}))
"""


def check_other_image(case):
    expect_error(["not in the image"])(case)
    case.expect(case.get("other-layers") == "1", "no layer in the other image")
    case.expect(case.get("other-dirty") == "false",
                "the other image is still clean")


def expect_error(words, before=None):
    """The check of a failed call: `words` in the message, the image as
    before (the original picture, or the case's own file `before`)."""
    def check(case):
        case.expect(case.get("outcome") == "error",
                    f"the call fails (it returned {case.get('message')})")
        message = case.get("message")
        for word in words:
            case.expect(word.lower() in message.lower(),
                        f"the message mentions {word!r}: {message!r}")
        case.expect(case.get("layers") == case.get("layers-before"),
                    "no layer added or left behind")
        case.expect(case.get("dirty") == "false",
                    "the image is still clean: no undo step")
        case.expect(case.get("undo-enabled") == "true", "undo still enabled")
        expected = (case.image(before)[:, :, :3] if before
                    else case.source_image("content-64.png"))
        after = case.image(f"{case.name}.png")[:, :, :3]
        case.expect((expected == after).all(), "the pixels are unchanged")
    return check


# An error nothing catches: batch mode must print the plug-in's message.
UNCAUGHT = """
(let* ((image (nst-load "content-64.png")))
  (nst-call image (nst-drawable image) (list (nst-style "style-48.png"))
            '(("iterations" . 0))))
"""


def check_uncaught(case):
    case.expect("batch command experienced an execution error" in case.log,
                "batch mode reports the failed command")
    case.expect("plug-in-neural-style" in case.log and
                "iterations" in case.log,
                "with the plug-in's message on stderr")


CASES = [(name, bad_call(name, overrides), expect_error(words))
         for name, overrides, words in BAD_ARGUMENTS] + [
    (name, failing_run(name, overrides), expect_error(words))
    for name, overrides, words in FAILS_WHILE_RUNNING] + [
    ("deleted-style", DELETED_STYLE,
     expect_error(["does not exist", "deleted"])),
    ("not-a-drawable", NOT_A_DRAWABLE,
     expect_error(["not a layer or channel"])),
    ("selection-misses", SELECTION_MISSES,
     expect_error(["selection does not touch"])),
    ("replace-group", REPLACE_GROUP, expect_error(["layer group"])),
    ("other-image", other_image(), check_other_image),
    ("indexed-content", INDEXED_CONTENT,
     expect_error(["indexed", "Image ▸ Mode ▸ RGB"],
                  before="indexed-content-before.png")),
]

if __name__ == "__main__":
    batch, cases = run_cases(CASES,
                             raising=[("uncaught", UNCAUGHT, check_uncaught)])
    batch.finish(cases)
