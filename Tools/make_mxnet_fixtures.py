"""Writes the MXNet .params importer fixtures under Tests/CheckpointsTests/Fixtures/mxnet/.

Needs mxnet 1.9.1, which wants numpy < 1.24, and an onnx its exporter accepts, so run it in its own virtualenv (CI
never runs this):

    python3 -m venv /tmp/mxvenv && /tmp/mxvenv/bin/pip install mxnet==1.9.1 'numpy<1.24' onnx==1.13.1 'protobuf<4'
    /tmp/mxvenv/bin/python Tools/make_mxnet_fixtures.py

  tiny_v2.params      written by mx.nd.save (NDArray V2 records): float32, float64 and float16 arrays under arg:/aux:
                      names, including a float16 subnormal
  tiny_v3.params      written by mx.npx.save under numpy semantics (V3 records), including a 0-d scalar
  tiny_v1.params      V1 records (int64 dims, no storage type) and
  tiny_legacy.params  legacy records (the magic word is ndim, u32 dims): MXNet >= 1.0 can no longer write these, so they
                      are built with struct.pack from the layout in apache/mxnet src/ndarray/ndarray.cc (LegacyLoad),
                      and this script checks that mx.nd.load reads them back to the same values.

All values above are small binary fractions, so the Swift tests state them as literals.

  lresnet_tiny-0000.params    a real mx.model.save_checkpoint of a tiny LResNet-IR symbol built like insightface's
                              fresnet.py (version_input=1, residual_unit_v3, output 'E'; "MXNet model-r100-ii" in
                              Sources/FacetPipeline/FacetPipeline.docc/Architectures.md): widths 8 | 8,16,16,32,
                              units 1,2,1,1, 32x32 input, 16-d fc1, BN eps 2e-5
  ../onnx/lresnet_tiny_mxnet.onnx
                              the same model exported by MXNet's own ONNX exporter (mx.onnx.export_model), i.e. an
                              MXNet-converted ArcFace graph with the (x - 127.5) * 0.0078125 input scaling inside.
                              fc1_gamma is stored as ones, as fix_gamma=True training leaves it: the exporter copies
                              the stored gamma and ignores fix_gamma, so only then do both files mean the same model.
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
LRESNET_WIDTHS, LRESNET_UNITS = [8, 16, 16, 32], [1, 2, 1, 1]
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


def batch_norm(x, name, fix_gamma=False):
    return mx.sym.BatchNorm(x, fix_gamma=fix_gamma, eps=2e-5, momentum=0.9, name=name)


def residual_unit(x, filters, stride, name, dim_match):
    """fresnet.py residual_unit_v3: bn1 -> conv1 3x3 -> bn2 -> prelu -> conv2 3x3/stride -> bn3, plus the shortcut."""
    body = mx.sym.Convolution(batch_norm(x, name + "_bn1"), num_filter=filters, kernel=(3, 3), stride=(1, 1),
                              pad=(1, 1), no_bias=True, name=name + "_conv1")
    body = mx.sym.LeakyReLU(batch_norm(body, name + "_bn2"), act_type="prelu", name=name + "_relu1")
    body = mx.sym.Convolution(body, num_filter=filters, kernel=(3, 3), stride=stride, pad=(1, 1), no_bias=True,
                              name=name + "_conv2")
    body = batch_norm(body, name + "_bn3")
    if dim_match:
        return body + x
    shortcut = mx.sym.Convolution(x, num_filter=filters, kernel=(1, 1), stride=stride, no_bias=True,
                                  name=name + "_conv1sc")
    return body + batch_norm(shortcut, name + "_sc")


def lresnet_symbol():
    x = (mx.sym.Variable("data") - 127.5) * 0.0078125
    x = mx.sym.Convolution(x, num_filter=8, kernel=(3, 3), stride=(1, 1), pad=(1, 1), no_bias=True, name="conv0")
    x = mx.sym.LeakyReLU(batch_norm(x, "bn0"), act_type="prelu", name="relu0")
    for stage, (filters, units) in enumerate(zip(LRESNET_WIDTHS, LRESNET_UNITS), start=1):
        for unit in range(1, units + 1):
            x = residual_unit(x, filters, (2, 2) if unit == 1 else (1, 1), f"stage{stage}_unit{unit}", unit != 1)
    x = mx.sym.Dropout(batch_norm(x, "bn1"), p=0.4)
    x = mx.sym.FullyConnected(x, num_hidden=16, name="pre_fc1")
    return batch_norm(x, "fc1", fix_gamma=True)


def write_lresnet():
    from mxnet import onnx as mx_onnx

    symbol = lresnet_symbol()
    arg_shapes, _, aux_shapes = symbol.infer_shape(data=(1, 3, 32, 32))
    rng = np.random.default_rng(0)
    args = {n: mx.nd.array(rng.uniform(-0.5, 0.5, s).astype(np.float32))
            for n, s in zip(symbol.list_arguments(), arg_shapes) if n != "data"}
    args["fc1_gamma"] = mx.nd.ones(args["fc1_gamma"].shape)
    auxs = {n: mx.nd.array(rng.uniform(0.5, 1.0, s).astype(np.float32))
            for n, s in zip(symbol.list_auxiliary_states(), aux_shapes)}
    prefix = os.path.join(OUT, "lresnet_tiny")
    mx.model.save_checkpoint(prefix, 0, symbol, args, auxs)
    os.remove(prefix + "-symbol.json")
    mx_onnx.export_model(symbol, {**args, **auxs}, in_shapes=[(1, 3, 32, 32)], in_types=[np.float32],
                         onnx_file_path=os.path.join(OUT, "..", "onnx", "lresnet_tiny_mxnet.onnx"))


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

    write_lresnet()

    mx.npx.set_np()
    v3 = os.path.join(OUT, "tiny_v3.params")
    mx.npx.save(v3, {"arg:fc1_beta": mx.np.array([0.5, -2.0]), "arg:bn1_gamma": mx.np.array(0.375)})
    loaded = mx.npx.load(v3)
    assert loaded["arg:bn1_gamma"].shape == () and float(loaded["arg:bn1_gamma"]) == 0.375


if __name__ == "__main__":
    main()
