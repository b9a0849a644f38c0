#!/usr/bin/env python3
"""Writes synthetic VGG19 weights in safetensors format, torchvision layout.

The real ImageNet weights cannot be downloaded on the build machines, so the
tests run on these: every convolution of torchvision's vgg19.features, He
initialised (normal, std = sqrt(2 / (in * 9))), small biases, seeded and
deterministic.  numpy only, so it runs without torch.

Also writes deliberately odd files for the loader's tests: another dtype, a
name prefix, the classifier tensors of the full download, or only the first
few convolutions.
"""

import argparse
import json
import os
import struct
import sys

import numpy as np

# torchvision vgg19.features: (index, in_channels, out_channels) per conv.
VGG19_CONVS = [
    (0, 3, 64), (2, 64, 64),
    (5, 64, 128), (7, 128, 128),
    (10, 128, 256), (12, 256, 256), (14, 256, 256), (16, 256, 256),
    (19, 256, 512), (21, 512, 512), (23, 512, 512), (25, 512, 512),
    (28, 512, 512), (30, 512, 512), (32, 512, 512), (34, 512, 512),
]

# torchvision vgg19.classifier: the fully connected layers of the download.
VGG19_CLASSIFIER = [(0, 512 * 7 * 7, 4096), (3, 4096, 4096), (6, 4096, 1000)]

ITEMSIZE = {"F32": 4, "F16": 2, "BF16": 2}


def encode(array, dtype):
    """Raw little-endian bytes of a float32 array stored as `dtype`."""
    array = np.ascontiguousarray(array, dtype="<f4")
    if dtype == "F32":
        return array.tobytes()
    if dtype == "F16":
        return array.astype("<f2").tobytes()
    # BF16: the top half of the float32 bits, rounded to nearest even.
    bits = array.view("<u4").astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    return rounded.astype("<u2").tobytes()


def conv_tensors(seed, deepest):
    """(name, shape, float32 array) of every conv up to features.`deepest`."""
    rng = np.random.default_rng(seed)
    for index, cin, cout in VGG19_CONVS:
        if index > deepest:
            break
        std = np.sqrt(2.0 / (cin * 9))
        weight = rng.standard_normal((cout, cin, 3, 3), dtype=np.float32) * std
        bias = rng.standard_normal(cout, dtype=np.float32) * 0.01
        yield f"features.{index}.weight", weight
        yield f"features.{index}.bias", bias


def write(path, tensors, zero_tensors, dtype, prefix, metadata):
    """Writes a safetensors file.

    `tensors`: (name, array) written as `dtype`.  `zero_tensors`: (name,
    shape) of all-zero tensors placed last in the data, so the file can end
    in a hole instead of writing hundreds of megabytes of zeros.
    """
    itemsize = ITEMSIZE[dtype]
    header = {}
    chunks = []
    offset = 0
    for name, array in tensors:
        data = encode(array, dtype)
        header[prefix + name] = {
            "dtype": dtype,
            "shape": list(array.shape),
            "data_offsets": [offset, offset + len(data)],
        }
        chunks.append(data)
        offset += len(data)
    for name, shape in zero_tensors:
        size = int(np.prod(shape)) * itemsize
        header[prefix + name] = {
            "dtype": dtype,
            "shape": list(shape),
            "data_offsets": [offset, offset + size],
        }
        offset += size
    if metadata:
        header["__metadata__"] = {"format": "pt", "generator": "synthetic"}

    # Like the real writer: sorted keys, no spaces, padded with spaces so
    # the data starts 8-byte aligned.
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)

    tmp = path + ".tmp"
    with open(tmp, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for chunk in chunks:
            out.write(chunk)
        out.truncate(8 + len(text) + offset)
    os.replace(tmp, path)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="file to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dtype", choices=sorted(ITEMSIZE), default="F32")
    parser.add_argument("--prefix", default="",
                        help='prepended to every tensor name, e.g. "model."')
    parser.add_argument("--deepest", type=int, default=34,
                        help="write features.0 … features.N only")
    parser.add_argument("--with-classifier", action="store_true",
                        help="add classifier.{0,3,6}.{weight,bias} (zeros, "
                             "the full download's shapes)")
    parser.add_argument("--no-metadata", action="store_true",
                        help="leave out __metadata__")
    args = parser.parse_args(argv)

    zeros = []
    if args.with_classifier:
        for index, cin, cout in VGG19_CLASSIFIER:
            zeros.append((f"classifier.{index}.weight", (cout, cin)))
            zeros.append((f"classifier.{index}.bias", (cout,)))
    write(args.out, list(conv_tensors(args.seed, args.deepest)), zeros,
          args.dtype, args.prefix, not args.no_metadata)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
