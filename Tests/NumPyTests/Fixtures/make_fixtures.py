#!/usr/bin/env python3
"""Regenerates the .npy/.npz fixtures for NumPyTests with numpy's own writers.

Run from anywhere: python3 Tests/NumPyTests/Fixtures/make_fixtures.py
The Swift tests restate the values below as literals (see NpyFixtureTests.swift), so a change
here needs the same change there.
"""
import io
import os
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

# 1-D fixtures: the extremes of each dtype.
ONE_D = {
    "b1": [True, False, True, True, False],
    "i1": [-128, -1, 0, 1, 127],
    "i2": [-32768, -1, 0, 1, 32767],
    "i4": [-2147483648, -1, 0, 1, 2147483647],
    "i8": [-9223372036854775808, -1, 0, 1, 9223372036854775807],
    "u1": [0, 1, 127, 128, 255],
    "u2": [0, 1, 255, 256, 65535],
    "u4": [0, 1, 65535, 65536, 4294967295],
    "u8": [0, 1, 4294967296, 9223372036854775807, 18446744073709551615],
    "f2": [-65504.0, -1.5, 2.0**-24, 2.0**-14, 65504.0],
    "f4": [float("-inf"), -1.5, 2.0**-149, 16777216.0, 3.4028234663852886e38],
    "f8": [-1.7976931348623157e308, -0.5, 0.0, 5e-324, 1.7976931348623157e308],
}


def two_d(code):
    """A 3x4 array whose C-order element i is: bool i%3==0, signed i-5, unsigned 3i, float (i-5)/4."""
    base = np.arange(12).reshape(3, 4)
    if code == "b1":
        return base % 3 == 0
    if code[0] == "i":
        return (base - 5).astype("<" + code)
    if code[0] == "u":
        return (base * 3).astype("<" + code)
    return ((base - 5) / 4).astype("<" + code)


def save(name, array, **kwargs):
    np.save(os.path.join(HERE, name), array, **kwargs)


def write_version(name, array, version):
    with open(os.path.join(HERE, name), "wb") as f:
        np.lib.format.write_array(f, array, version=version)


class Unseekable(io.RawIOBase):
    """A write-only stream without tell/seek, which makes zipfile use data descriptors."""

    def __init__(self, target):
        self.target = target

    def writable(self):
        return True

    def write(self, data):
        return self.target.write(data)


def archive_members():
    return {
        "w1": ((np.arange(6) - 2.5) / 2).reshape(2, 3),
        "d+": np.array([1, -2, 3], dtype="<i4"),
        "oT-": np.array([[True, False], [False, True]]),
        "g00": np.array(0.25),
        "e": np.zeros((0,), dtype="<u1"),
        "wf": np.asfortranarray(np.arange(6, dtype="<i2").reshape(2, 3)),
    }


def main():
    for code, values in ONE_D.items():
        dtype = "|" + code if code[1] == "1" else "<" + code
        save(f"{code}_1d.npy", np.array(values, dtype=dtype))
        save(f"{code}_2d_c.npy", np.ascontiguousarray(two_d(code)))
        save(f"{code}_2d_f.npy", np.asfortranarray(two_d(code)))
    save("be_i4_1d.npy", np.array(ONE_D["i4"], dtype=">i4"))
    save("be_u2_1d.npy", np.array(ONE_D["u2"], dtype=">u2"))
    save("be_f8_2d_f.npy", np.asfortranarray(two_d("f8").astype(">f8")))
    save("f8_3d_f.npy", np.asfortranarray(np.arange(24, dtype="<f8").reshape(2, 3, 4)))
    save("f8_0d.npy", np.array(3.5))
    save("i8_0d.npy", np.array(-7, dtype="<i8"))
    save("f8_empty.npy", np.zeros((0,), dtype="<f8"))
    save("i4_empty_2x0x3.npy", np.zeros((2, 0, 3), dtype="<i4"))
    save("u1_empty_f.npy", np.zeros((0, 3), dtype="|u1", order="F"))
    write_version("i2_v2.npy", np.arange(6, dtype="<i2").reshape(2, 3), (2, 0))
    write_version("i2_v3.npy", np.arange(6, dtype="<i2").reshape(2, 3), (3, 0))

    np.savez(os.path.join(HERE, "savez.npz"), **archive_members())
    compressed = archive_members()
    compressed["zeros"] = np.zeros(1000)
    np.savez_compressed(os.path.join(HERE, "savez_compressed.npz"), **compressed)
    np.savez(os.path.join(HERE, "empty.npz"))
    np.savez(os.path.join(HERE, "unicode.npz"), **{"wé": np.array([1.0]), "μ": np.array([2.0])})

    # Central-directory ZIP64 extras and ZIP64 end records appear only past 4 GiB; lowering
    # zipfile's limits makes np.savez write them for a small file.
    saved = (zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT)
    zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = 0, 1
    try:
        np.savez(os.path.join(HERE, "zip64.npz"), **archive_members())
    finally:
        zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = saved

    for name, writer in [("streamed.npz", np.savez), ("streamed_compressed.npz", np.savez_compressed)]:
        with open(os.path.join(HERE, name), "wb") as f:
            writer(Unseekable(f), **archive_members())

    with zipfile.ZipFile(os.path.join(HERE, "lzma.npz"), "w", zipfile.ZIP_LZMA) as z:
        with z.open("a.npy", "w") as f:
            np.lib.format.write_array(f, np.array([1.0, 2.0]))


if __name__ == "__main__":
    main()
