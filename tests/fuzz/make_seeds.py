#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (checked in; rerun to
regenerate): tests/fuzz/seeds/{weights,png,jpeg}/.

Weights seeds are real headers (from make_synthetic_weights.py) followed by
a little data only: the fuzz target checks the header, not the values.
Picture seeds are tiny pictures of every kind the reader handles.

usage: make_seeds.py
"""

import io
import json
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "seeds")
GENERATOR = os.path.join(HERE, os.pardir, "make_synthetic_weights.py")


def save(kind, name, data):
    os.makedirs(os.path.join(SEEDS, kind), exist_ok=True)
    with open(os.path.join(SEEDS, kind, name), "wb") as f:
        f.write(data)


def header_of(*options):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "w.safetensors")
        subprocess.run([sys.executable, GENERATOR, "--out", path, "--seed",
                        "1", *options], check=True)
        with open(path, "rb") as f:
            (n,) = struct.unpack("<Q", f.read(8))
            return json.loads(f.read(n))


def safetensors(header, data=64):
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + b"\0" * data


def weights_seeds():
    f32 = header_of()
    save("weights", "f32", safetensors(f32))
    save("weights", "f16-prefixed",
         safetensors(header_of("--dtype", "F16", "--prefix", "model.")))
    save("weights", "bf16-to28",
         safetensors(header_of("--dtype", "BF16", "--deepest", "28")))
    first = {k: v for k, v in f32.items() if k.startswith("features.0.")}
    save("weights", "first-layer", safetensors(first, 7168))
    save("weights", "empty-object", safetensors({}))
    save("weights", "numbers", struct.pack("<Q", 40)
         + b'{"a": [1e308, -0, 18446744073709551615]}')


def pictures():
    rng = np.random.default_rng(1)
    rgb = rng.integers(0, 256, (6, 5, 3), dtype=np.uint8)
    rgba = rng.integers(0, 256, (5, 4, 4), dtype=np.uint8)
    grey = rng.integers(0, 256, (4, 7), dtype=np.uint8)
    images = {
        "rgb": Image.fromarray(rgb),
        "rgba": Image.fromarray(rgba),
        "grey": Image.fromarray(grey),
        "grey-alpha": Image.fromarray(rgba[..., :2].copy(), "LA"),
        "palette": Image.fromarray(rgb).convert("P"),
        "bilevel": Image.fromarray(grey).convert("1"),
        "grey16": Image.fromarray(grey.astype(np.uint16) * 257),
    }
    for name, image in images.items():
        out = io.BytesIO()
        image.save(out, "PNG")
        save("png", name + ".png", out.getvalue())
    out = io.BytesIO()
    images["rgb"].save(out, "PNG", interlace=1)
    save("png", "interlaced.png", out.getvalue())
    out = io.BytesIO()
    images["palette"].save(out, "PNG", transparency=0)
    save("png", "palette-trns.png", out.getvalue())
    for name, image, options in (
            ("rgb", images["rgb"], {}),
            ("grey", images["grey"], {}),
            ("progressive", images["rgb"], {"progressive": True}),
            ("cmyk", images["rgb"].convert("CMYK"), {}),
            ("subsampled", Image.fromarray(
                rng.integers(0, 256, (17, 19, 3), dtype=np.uint8)),
             {"subsampling": 2, "quality": 50})):
        out = io.BytesIO()
        image.save(out, "JPEG", **options)
        save("jpeg", name + ".jpg", out.getvalue())


if __name__ == "__main__":
    weights_seeds()
    pictures()
