"""Writes the MXNet .params importer fixtures under Tests/CheckpointsTests/Fixtures/mxnet/.

Needs mxnet 1.9.1, which wants numpy < 1.24, so run it in its own virtualenv (CI never runs this):

    python3 -m venv /tmp/mxvenv && /tmp/mxvenv/bin/pip install mxnet==1.9.1 'numpy<1.24'
    /tmp/mxvenv/bin/python Tools/make_mxnet_fixtures.py

  tiny_v2.params      written by mx.nd.save (NDArray V2 records): float32, float64 and float16 arrays under arg:/aux:
                      names, including a float16 subnormal
  tiny_v3.params      written by mx.npx.save under numpy semantics (V3 records), including a 0-d scalar
  tiny_v1.params      V1 records (int64 dims, no storage type) and
  tiny_legacy.params  legacy records (the magic word is ndim, u32 dims): MXNet >= 1.0 can no longer write these, so they
                      are built with struct.pack from the layout in apache/mxnet src/ndarray/ndarray.cc (LegacyLoad),
                      and this script checks that mx.nd.load reads them back to the same values.

All values are small binary fractions, so the Swift tests state them as literals.
"""
import os
import struct

import mxnet as mx
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "CheckpointsTests", "Fixtures", "mxnet")

V2_ARRAYS = [
    ("arg:conv0_weight", np.array([0.5, -1.25], dtype=np.float32).reshape(2, 1, 1, 1)),
    ("arg:relu0_gamma", np.array([0.25, 0.125], dtype=np.float32)),
    ("aux:bn0_moving_var", np.array([1.5, 2.0 ** -24, -65504.0], dtype=np.float16)),
    ("arg:stage1_unit1_conv1sc_weight", np.array([0.5, 1.0, 1.5, 2.0], dtype=np.float64).reshape(2, 2, 1, 1)),
    ("arg:fc7_weight", np.arange(6, dtype=np.float32).reshape(3, 2)),
]

# (name, shape, float32 values) for the hand-built V1 and legacy records.
HAND_BUILT = [
    ("arg:bn0_gamma", (2,), [3.0, -0.5]),
    ("aux:bn0_moving_mean", (1, 2), [0.75, 4.0]),
]

LIST_MAGIC, V1_MAGIC = 0x112, 0xF993FAC8
CPU, FLOAT32 = 1, 0


def names_block(names):
    out = struct.pack("<Q", len(names))
    for name in names:
        encoded = name.encode("utf-8")
        out += struct.pack("<Q", len(encoded)) + encoded
    return out


def hand_built(record):
    """A list file whose arrays are written by `record(shape)` + context + type flag + float32 data."""
    body = struct.pack("<QQQ", LIST_MAGIC, 0, len(HAND_BUILT))
    for _, shape, values in HAND_BUILT:
        body += record(shape) + struct.pack("<ii", CPU, 0) + struct.pack("<i", FLOAT32)
        body += struct.pack(f"<{len(values)}f", *values)
    return body + names_block([name for name, _, _ in HAND_BUILT])


def v1_record(shape):
    return struct.pack("<I", V1_MAGIC) + struct.pack("<I", len(shape)) + struct.pack(f"<{len(shape)}q", *shape)


def legacy_record(shape):
    return struct.pack("<I", len(shape)) + struct.pack(f"<{len(shape)}I", *shape)


def check_round_trip(path, expected):
    loaded = mx.nd.load(path)
    assert list(loaded.keys()) == [name for name, _ in expected], (path, list(loaded.keys()))
    for name, values in expected:
        got = loaded[name].asnumpy()
        assert got.dtype == values.dtype and got.shape == values.shape and (got == values).all(), (path, name, got)


def main():
    os.makedirs(OUT, exist_ok=True)
    v2 = os.path.join(OUT, "tiny_v2.params")
    mx.nd.save(v2, {name: mx.nd.array(values, dtype=values.dtype) for name, values in V2_ARRAYS})
    check_round_trip(v2, V2_ARRAYS)

    for name, record in (("tiny_v1.params", v1_record), ("tiny_legacy.params", legacy_record)):
        path = os.path.join(OUT, name)
        with open(path, "wb") as f:
            f.write(hand_built(record))
        check_round_trip(path, [(n, np.array(v, dtype=np.float32).reshape(s)) for n, s, v in HAND_BUILT])

    mx.npx.set_np()
    v3 = os.path.join(OUT, "tiny_v3.params")
    mx.npx.save(v3, {"arg:fc1_beta": mx.np.array([0.5, -2.0]), "arg:bn1_gamma": mx.np.array(0.375)})
    loaded = mx.npx.load(v3)
    assert loaded["arg:bn1_gamma"].shape == () and float(loaded["arg:bn1_gamma"]) == 0.375


if __name__ == "__main__":
    main()
