#!/usr/bin/python3
"""The engine's losses and gradient against the reference's, at one image.

usage: test_initial.py NST_REF_EVALUATE   (env: NST_TEST_WEIGHTS, NST_TEST_DATA)

Both get the same pixels (the style pre-resized to the content's size by the
reference's own rule, so no resampler is compared) and the same synthetic
weights.  Two cases: the article's defaults at the content image (one style);
and every loss term at work - two blended styles, content, style and TV
weights off their defaults, evaluated at a perturbed content image so the
content loss is not zero.  Then styles by region (guided Gram matrices,
Gatys et al. 2017): one style in a soft region of the content, one taken
from a soft part of its own image, and four styles mixing both kinds (two
everywhere, blended, two in complementary regions, one of them from part of
its image).  The masks are grey PNGs at their images' sizes, so no resampler
is compared either.  Losses must agree to 1e-4 relative; the gradient
d(total)/d(pixel) to 1e-4 in relative L2 norm and in max-abs error over
max-abs value.
"""

import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nst_reference  # noqa: E402

TOLERANCE = 1e-4


def write_raw(png, path):
    """The PNG's pixels as the engine helper reads them (to_tensor's values)."""
    a = np.asarray(Image.open(png).convert("RGB"), dtype=np.float32)
    a = a / np.float32(255)
    with open(path, "wb") as f:
        np.array([a.shape[1], a.shape[0], 3], dtype="<i4").tofile(f)
        a.astype("<f4").tofile(f)


def write_raw_mask(png, path):
    """A grey PNG as a 1-channel raw mask."""
    a = np.asarray(Image.open(png).convert("L"), dtype=np.float32)
    a = a / np.float32(255)
    with open(path, "wb") as f:
        np.array([a.shape[1], a.shape[0], 1], dtype="<i4").tofile(f)
        a.astype("<f4").tofile(f)


def soft_masks(size):
    """A soft region with a wavy feathered edge, the rest of the image,
    and a soft vertical ramp, as 8-bit grey images of `size`."""
    w, h = size
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    region = 0.5 + 0.5 * np.tanh((w * 0.45 + 6 * np.sin(y / 7) - x) / 5)
    ramp = np.clip((y - h * 0.2) / (h * 0.6), 0, 1)
    return tuple(Image.fromarray(np.rint(a * 255).astype(np.uint8))
                 for a in (region, 1 - region, ramp))


def read_raw(path):
    with open(path, "rb") as f:
        w, h, c = np.fromfile(f, dtype="<i4", count=3)
        return np.fromfile(f, dtype="<f4").reshape(h, w, c)


def close(a, b):
    # The floor only matters for a loss that is zero in both (content at
    # the content image).
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b)) + 1e-9


def compare(name, ours, ref, terms):
    ok = True
    for key in terms:
        good = close(ours[key], ref[key])
        ok &= good
        print(f"  {key:8s} engine {ours[key]:.9g}  reference {ref[key]:.9g}"
              f"{'' if good else '  MISMATCH'}")
    g_ours, g_ref = ours["gradient"], ref["gradient"]
    rel_l2 = np.linalg.norm(g_ours - g_ref) / np.linalg.norm(g_ref)
    rel_max = np.abs(g_ours - g_ref).max() / np.abs(g_ref).max()
    good = rel_l2 <= TOLERANCE and rel_max <= TOLERANCE and np.abs(g_ref).max() > 0
    ok &= bool(good)
    print(f"  gradient relative L2 {rel_l2:.3g}, max-abs {rel_max:.3g}"
          f"{'' if good else '  MISMATCH'}")
    print(f"{name}: {'ok' if ok else 'FAIL'}")
    return ok


def main(argv):
    helper = argv[1]
    weights = os.environ["NST_TEST_WEIGHTS"]
    data = os.environ["NST_TEST_DATA"]
    tmp = tempfile.mkdtemp(prefix="nst-ref-initial-")

    content_png = os.path.join(data, "content-64.png")
    content = nst_reference.load_image(content_png)
    size = (content.width, content.height)
    pngs = {"content": content_png}
    for name in ("style-48", "style2-40"):
        style = nst_reference.load_image(os.path.join(data, name + ".png"))
        pngs[name] = os.path.join(tmp, name + ".png")
        style.resize(size).save(pngs[name])
    rng = np.random.default_rng(5)
    noisy = np.asarray(content, dtype=np.int16) + rng.integers(
        -40, 41, (size[1], size[0], 3))
    pngs["perturbed"] = os.path.join(tmp, "perturbed.png")
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(pngs["perturbed"])
    raws = {}
    for key, png in pngs.items():
        raws[key] = os.path.join(tmp, key + ".raw")
        write_raw(png, raws[key])
    # Every style is at the content's size here: so are all the masks.
    for key, mask in zip(("region", "rest", "ramp"), soft_masks(size)):
        pngs[key] = os.path.join(tmp, key + ".png")
        mask.save(pngs[key])
        raws[key] = os.path.join(tmp, key + ".raw")
        write_raw_mask(pngs[key], raws[key])

    all_weights = {"content-weight": 2.5, "style-weight": 3e5,
                   "tv-weight": 50.0}
    # (name, evaluated at, [(style, blend)], weights, terms compared,
    #  [(region mask, source mask)] per style or None; a mask None: none)
    cases = [
        ("defaults, one style, at the content", "content",
         [("style-48", 1.0)], {}, ("total", "content", "style"), None),
        ("two styles 3:1, all weights, at a perturbed image", "perturbed",
         [("style-48", 3.0), ("style2-40", 1.0)], all_weights,
         ("total", "content", "style", "tv"), None),
        ("one style in a soft region, at the content", "content",
         [("style-48", 1.0)], {}, ("total", "content", "style"),
         [("region", None)]),
        ("one style from a soft part of its image, at the content",
         "content", [("style2-40", 1.0)], {}, ("total", "content", "style"),
         [(None, "ramp")]),
        ("two styles everywhere 3:1 and two in complementary soft regions, "
         "one from part of its image, all weights, at a perturbed image",
         "perturbed",
         [("style-48", 3.0), ("style2-40", 1.0), ("style2-40", 5.0),
          ("style-48", 2.0)], all_weights,
         ("total", "content", "style", "tv"),
         [(None, None), (None, None), ("region", None), ("rest", "ramp")]),
    ]
    ok = True
    for i, (name, at, styles, weights_set, terms, masks) in enumerate(cases):
        dump = os.path.join(tmp, f"ref{i}.npz")
        ref_args = [pngs["content"]] + [pngs[s] for s, _ in styles] + [
            "--style-blend"] + [str(w) for _, w in styles] + [
            "--weights", weights, "--start", pngs[at], "--dump-initial", dump]
        for key, value in weights_set.items():
            ref_args += ["--" + key, repr(value)]
        for option, kind in (("--region-mask", 0), ("--source-mask", 1)):
            if masks:
                ref_args += [option] + [pngs[m[kind]] if m[kind] else "none"
                                        for m in masks]
        nst_reference.main(ref_args)
        ref = dict(np.load(dump))
        ref = {k: (v if k == "gradient" else float(v)) for k, v in ref.items()}

        gradient = os.path.join(tmp, f"engine{i}.raw")
        cmd = [helper, weights, raws["content"], raws[at], gradient]
        for s, w in styles:
            cmd += [raws[s], repr(w)]
        cmd += ["device=cpu", "precision=fp32"] + [f"{k}={v!r}" for k, v in weights_set.items()]
        for option, kind in (("region-mask=", 0), ("source-mask=", 1)):
            cmd += [option + (raws[m[kind]] if m[kind] else "none")
                    for m in masks or ()]
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
        ours = json.loads(out.stdout)
        ours["gradient"] = read_raw(gradient)
        print(name)
        ok &= compare(name, ours, ref, terms)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
