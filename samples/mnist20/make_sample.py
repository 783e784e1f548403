#!/usr/bin/env python3
"""Builds the bundled MNIST subset in this directory (see README.md).

Usage: python3 make_sample.py [SOURCE_DIR]

SOURCE_DIR holds train5k-images-idx3-ubyte.gz, train5k-labels-idx1-ubyte.gz,
t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz; it defaults to
<project root>/../shared/data/mnist. Only the standard library is used, and the output
is byte-for-byte reproducible (gzip level 9, no file name, modification time 0).
"""
import gzip
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.join(HERE, "..", "..", "..", "shared", "data", "mnist")

PER_CLASS = 100   # training digits kept per class
TEST_COUNT = 200  # leading test digits kept
CROP = 4          # pixels cut from every side: 28 x 28 -> 20 x 20


def read_idx(path, magic):
    """Returns (dimensions, payload) of a gzip-compressed IDX file, checking its magic and size."""
    data = gzip.decompress(open(path, "rb").read())
    found, = struct.unpack(">I", data[:4])
    if found != magic:
        sys.exit(f"{path}: expected magic {magic}, found {found}")
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    payload = data[4 + 4 * ndim:]
    size = 1
    for d in dims:
        size *= d
    if len(payload) != size:
        sys.exit(f"{path}: expected {size} data bytes, found {len(payload)}")
    return dims, payload


def authors_on(p):
    """The authors' binarization of one byte, computed the way their numpy code does.

    skimage's img_as_float gives p * (1/255); load_mnist divides by 255 again; input_data
    takes np.round(x * 256, 2) (that is rint(x * 256 * 100) / 100) and compares 0.5 < value.
    Python's round(v) on a float rounds half to even, like numpy's rint.
    """
    x = p * (1.0 / 255) / 255.0 * 256
    return 0.5 < round(x * 100) / 100


def binarize(p):
    """0 or 255: ink when the pixel is at least 129 (the same as authors_on, checked below)."""
    return 255 if p >= 129 else 0


def crop_and_binarize(pixels, index):
    image = pixels[index * 784:(index + 1) * 784]
    out = bytearray()
    for row in range(CROP, 28 - CROP):
        for col in range(CROP, 28 - CROP):
            out.append(binarize(image[row * 28 + col]))
    return out


def write_idx(path, header, payload):
    blob = gzip.compress(header + bytes(payload), compresslevel=9, mtime=0)
    with open(path, "wb") as f:
        f.write(blob)
    print(f"{os.path.basename(path)}: {len(blob)} bytes")


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SOURCE
    assert all(authors_on(p) == (p >= 129) for p in range(256)), "binarization rule changed"

    sets = [
        ("train", "train5k", lambda labels: [
            i for c in range(10) for i in [j for j, l in enumerate(labels) if l == c][:PER_CLASS]]),
        ("t10k", "t10k", lambda labels: list(range(TEST_COUNT))),
    ]
    for out_prefix, in_prefix, select in sets:
        dims, pixels = read_idx(os.path.join(source, f"{in_prefix}-images-idx3-ubyte.gz"), 2051)
        (count,), labels = read_idx(os.path.join(source, f"{in_prefix}-labels-idx1-ubyte.gz"), 2049)
        if dims != (count, 28, 28):
            sys.exit(f"{in_prefix}: expected {count} images of 28 x 28, found {dims}")
        # Indices in ascending file order, so the output keeps the source's order.
        chosen = sorted(select(labels))
        side = 28 - 2 * CROP
        images = bytearray()
        for i in chosen:
            images += crop_and_binarize(pixels, i)
        write_idx(os.path.join(HERE, f"{out_prefix}-images-idx3-ubyte.gz"),
                  struct.pack(">IIII", 2051, len(chosen), side, side), images)
        write_idx(os.path.join(HERE, f"{out_prefix}-labels-idx1-ubyte.gz"),
                  struct.pack(">II", 2049, len(chosen)), bytes(labels[i] for i in chosen))


if __name__ == "__main__":
    main()
