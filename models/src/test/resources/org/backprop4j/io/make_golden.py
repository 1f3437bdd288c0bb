#!/usr/bin/env python3
"""Writes the reference safetensors files that SafetensorsGoldenTest checks against.

The bytes follow the published format directly (struct for the length, json for the header,
numpy for the little-endian data), as the safetensors package would write them:

  golden.safetensors  compact header, __metadata__ first, padded with spaces to 8 bytes;
                      our writer must reproduce it byte for byte.
  spaced.safetensors  the same contents with json.dumps defaults (spaces, ASCII escapes,
                      surrogate pairs), keys in another order and no padding; our reader
                      must read it to the same contents.

Run it from any directory: python3 make_golden.py
"""
import json
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

METADATA = {
    "format": "backprop4j",
    "note": "line\nbreak \"quoted\" back\\slash\ttab \x01 caf\u00e9 \U0001F600",
}

# Name, dtype, values; kept in layout order. The Java test builds the same tensors.
TENSORS = [
    ("layer0.weight", "<f8", (np.arange(6, dtype=np.float64) - 2.5) / 3.0, (2, 3)),
    ("layer0.bias", "<f4", np.arange(3, dtype=np.float64) / 7.0, (1, 3)),
    ("empty", "<f8", np.zeros(0), (0, 4)),
    (
        "special",
        "<f8",
        np.array([-0.0, 5e-324, 1.7976931348623157e308, -np.inf]),
        (1, 4),
    ),
]

SAFETENSORS_DTYPE = {"<f8": "F64", "<f4": "F32"}


def layout():
    entries, chunks, offset = {}, [], 0
    for name, dtype, values, shape in TENSORS:
        data = values.astype(dtype).reshape(shape).tobytes()
        entries[name] = {
            "dtype": SAFETENSORS_DTYPE[dtype],
            "shape": list(shape),
            "data_offsets": [offset, offset + len(data)],
        }
        chunks.append(data)
        offset += len(data)
    return entries, b"".join(chunks)


def write(path, header_bytes, data):
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(header_bytes)))
        out.write(header_bytes)
        out.write(data)


def main():
    entries, data = layout()

    compact = {"__metadata__": METADATA, **entries}
    header = json.dumps(compact, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    header += b" " * (-len(header) % 8)
    write(os.path.join(HERE, "golden.safetensors"), header, data)

    reordered = {}
    for name in reversed(list(entries)):
        info = entries[name]
        reordered[name] = {
            "data_offsets": info["data_offsets"],
            "shape": info["shape"],
            "dtype": info["dtype"],
        }
    reordered["__metadata__"] = METADATA
    spaced = json.dumps(reordered).encode("ascii")
    write(os.path.join(HERE, "spaced.safetensors"), spaced, data)


if __name__ == "__main__":
    main()
