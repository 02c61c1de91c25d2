#!/usr/bin/env python3
"""Per-op PyTorch fixtures for Tests/TensorCoreTests (the tensor kernels of Sources/TensorCore/Kernels).

Inputs are not committed: every input tensor is generated from its name by facet_fixtures.named_random (the twin of
Tests/TestSupport/NamedRandom.swift), optionally floored and offset, so only PyTorch's outputs are stored. The
manifest lists, per case, the op, its parameters, how to regenerate each input, and the output file.

Conv and linear are computed in float64 and rounded once to float32, so the fixture is the exact answer and the
tolerance measures only our float32 error. Elementwise, pooling and resize ops run in float32, as PyTorch does at
inference, because their specified arithmetic (resize coordinates, for one) is float32.

Usage (needs torch, numpy, scikit-learn; see Tools/requirements-fixtures.txt):
    python3 Tools/make_op_fixtures.py            # rewrites Tests/TensorCoreTests/Fixtures/ops/
"""
import json
import pathlib
import shutil
import sys

import numpy as np
import sklearn
import sklearn.preprocessing
import torch
import torch.nn.functional as F

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from facet_fixtures import named_random  # noqa: E402

VERSION = 1
ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "TensorCoreTests" / "Fixtures" / "ops"

cases = []


def make_input(case, key, shape, scale=1.0, offset=0.0, floor=False):
    """A named-random input: uniform in [-scale, scale), then floored and/or offset (all in float32)."""
    name = f"ops/{case}/{key}"
    a = named_random.tensor(name, shape, scale)
    if floor:
        a = np.floor(a)
    if offset:
        a = a + np.float32(offset)
    spec = {"name": name, "shape": list(shape), "scale": scale, "offset": offset, "floor": floor}
    return a.astype(np.float32), spec


def add_case(case, op, inputs, params, output):
    """inputs: dict key -> (array, spec). Writes the output and records the case."""
    output = np.ascontiguousarray(output)
    file = f"{case}.npy"
    np.save(OUT / file, output)
    cases.append({
        "name": case, "op": op, "params": params,
        "inputs": {k: spec for k, (_, spec) in inputs.items()},
        "output": file, "outputShape": list(output.shape),
    })


def t(a):
    return torch.from_numpy(a)


def conv(case, n, c, h, w, m, k, stride=1, padding=0, dilation=1, bias=False, weight_scale=None):
    # Weight scale ~ 1/sqrt(C·k·k), rounded to a power of two so named-random values stay exact.
    fan_in = c * k * k
    ws = weight_scale or 2.0 ** -round(np.log2(np.sqrt(fan_in)))
    ins = {"x": make_input(case, "x", (n, c, h, w)), "weight": make_input(case, "weight", (m, c, k, k), ws)}
    if bias:
        ins["bias"] = make_input(case, "bias", (m,))
    y = F.conv2d(t(ins["x"][0]).double(), t(ins["weight"][0]).double(),
                 t(ins["bias"][0]).double() if bias else None, stride=stride, padding=padding, dilation=dilation)
    add_case(case, "conv2d", ins, {"kernel": k, "stride": stride, "padding": padding, "dilation": dilation},
             y.float().numpy())


def linear(case, n, inputs, outputs, bias=True):
    ws = 2.0 ** -round(np.log2(np.sqrt(inputs)))
    ins = {"x": make_input(case, "x", (n, inputs)), "weight": make_input(case, "weight", (outputs, inputs), ws)}
    if bias:
        ins["bias"] = make_input(case, "bias", (outputs,))
    y = F.linear(t(ins["x"][0]).double(), t(ins["weight"][0]).double(), t(ins["bias"][0]).double() if bias else None)
    add_case(case, "linear", ins, {}, y.float().numpy())


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    torch.set_num_threads(1)

    # --- conv2d: every kernel path, then real-layer depths (K = C·k·k up to 4608) ---
    conv("conv_k3s1p1_odd", 2, 16, 13, 11, 8, 3, 1, 1, bias=True)
    conv("conv_k7s2p3_stem", 1, 3, 33, 31, 16, 7, 2, 3)               # BiSeNet conv1 geometry
    conv("conv_k3s2p1", 1, 32, 15, 15, 16, 3, 2, 1)                   # stride-2 3×3 (ResNet/IResNet)
    conv("conv_k1s1_pointwise", 2, 64, 8, 9, 16, 1, bias=True)         # GEMM path
    conv("conv_k1s2_downsample", 1, 64, 14, 14, 32, 1, 2)             # strided 1×1 (subsample path)
    conv("conv_k3s1p2d2_dilated", 1, 8, 10, 12, 4, 3, 1, 2, 2, bias=True)
    conv("conv_k3s1p1_c256_k2304", 1, 256, 8, 8, 32, 3, 1, 1)
    conv("conv_k3s1p1_c512_k4608", 1, 512, 7, 7, 64, 3, 1, 1)          # IResNet layer4 depth at 7×7
    conv("conv_k3s2p1_c256_k2304", 1, 256, 14, 14, 32, 3, 2, 1)        # IResNet layer4 entry

    # --- linear ---
    linear("linear_small", 3, 37, 11)
    linear("linear_fc_k25088", 1, 25088, 64)                          # IResNet fc depth (25088 = 512·7·7)

    # --- batch norm (inference) as a per-channel affine ---
    for eps, tag in ((1e-5, "eps1e-5"), (2e-5, "eps2e-5")):
        case = f"batchnorm_{tag}"
        ins = {"x": make_input(case, "x", (2, 6, 5, 7)), "gamma": make_input(case, "gamma", (6,), 0.5, 1.0),
               "beta": make_input(case, "beta", (6,)), "mean": make_input(case, "mean", (6,)),
               "variance": make_input(case, "variance", (6,), 0.5, 1.0)}
        y = F.batch_norm(t(ins["x"][0]), t(ins["mean"][0]), t(ins["variance"][0]), t(ins["gamma"][0]),
                         t(ins["beta"][0]), training=False, eps=eps)
        add_case(case, "batchNorm", ins, {"epsilon": eps}, y.numpy())

    # --- activations ---
    case = "relu"
    ins = {"x": make_input(case, "x", (2, 5, 6, 7), 4.0)}
    add_case(case, "relu", ins, {}, F.relu(t(ins["x"][0])).numpy())
    case = "prelu"
    ins = {"x": make_input(case, "x", (2, 5, 6, 7), 4.0), "slope": make_input(case, "slope", (5,))}
    add_case(case, "prelu", ins, {}, F.prelu(t(ins["x"][0]), t(ins["slope"][0])).numpy())
    case = "sigmoid"
    ins = {"x": make_input(case, "x", (2, 5, 6, 7), 16.0)}
    add_case(case, "sigmoid", ins, {}, torch.sigmoid(t(ins["x"][0])).numpy())

    # --- adds, broadcasts, concat ---
    case = "add"
    ins = {"a": make_input(case, "a", (2, 4, 5, 6)), "b": make_input(case, "b", (2, 4, 5, 6))}
    add_case(case, "add", ins, {}, (t(ins["a"][0]) + t(ins["b"][0])).numpy())
    for op, f in (("addChannels", torch.add), ("mulChannels", torch.mul)):
        case = op
        ins = {"x": make_input(case, "x", (2, 4, 5, 6)), "v": make_input(case, "v", (2, 4, 1, 1))}
        add_case(case, op, ins, {}, f(t(ins["x"][0]), t(ins["v"][0])).numpy())
    case = "concatChannels"
    ins = {"a": make_input(case, "a", (2, 3, 4, 5)), "b": make_input(case, "b", (2, 2, 4, 5))}
    add_case(case, "concatChannels", ins, {}, torch.cat([t(ins["a"][0]), t(ins["b"][0])], 1).numpy())

    # --- pooling ---
    case = "maxpool_k3s2p1"
    ins = {"x": make_input(case, "x", (1, 4, 17, 16))}
    add_case(case, "maxPool2d", ins, {"kernel": 3, "stride": 2, "padding": 1},
             F.max_pool2d(t(ins["x"][0]), 3, 2, 1).numpy())
    case = "global_avgpool"
    ins = {"x": make_input(case, "x", (2, 5, 9, 7))}
    x = t(ins["x"][0])
    add_case(case, "globalAveragePool", ins, {}, F.avg_pool2d(x, x.shape[2:]).numpy())

    # --- resize ---
    for (h, w, oh, ow) in ((1, 1, 16, 16), (16, 16, 32, 32), (5, 7, 12, 9), (9, 8, 4, 3)):
        case = f"nearest_{h}x{w}_to_{oh}x{ow}"
        ins = {"x": make_input(case, "x", (1, 3, h, w))}
        add_case(case, "upsampleNearest", ins, {},
                 F.interpolate(t(ins["x"][0]), size=(oh, ow), mode="nearest").numpy())
    for (h, w, oh, ow, align) in ((2, 3, 5, 7, True), (8, 8, 64, 64, True), (16, 16, 128, 128, True),
                                  (5, 7, 13, 11, True), (5, 7, 13, 11, False), (9, 8, 4, 3, False),
                                  (8, 8, 64, 64, False)):
        case = f"bilinear_{h}x{w}_to_{oh}x{ow}_align{'T' if align else 'F'}"
        ins = {"x": make_input(case, "x", (1, 2, h, w))}
        add_case(case, "upsampleBilinear", ins, {"alignCorners": align},
                 F.interpolate(t(ins["x"][0]), size=(oh, ow), mode="bilinear", align_corners=align).numpy())

    # --- reductions ---
    case = "argmax_19ch_ties"
    ins = {"x": make_input(case, "x", (1, 19, 9, 8), 3.0, floor=True)}  # six levels over 19 channels: many ties
    add_case(case, "argmaxChannels", ins, {}, torch.argmax(t(ins["x"][0]), 1).numpy().astype(np.uint8))
    case = "l2normalize_rows"
    x, spec = make_input(case, "x", (4, 512), 8.0)
    x[2] = 0  # a zero row stays zero
    add_case(case, "l2NormalizeRows", {"x": (x, spec)}, {"zeroRows": [2]},
             sklearn.preprocessing.normalize(x).astype(np.float32))

    manifest = {
        "version": VERSION,
        "generator": "Tools/make_op_fixtures.py",
        "torch": torch.__version__, "numpy": np.__version__, "sklearn": sklearn.__version__,
        "inputs": "named_random.tensor(name, shape, scale), then floor if 'floor', then + offset (float32)",
        "cases": cases,
    }
    # One case per line: readable, and a regenerated fixture shows up as a one-line diff.
    header = json.dumps({k: v for k, v in manifest.items() if k != "cases"}, indent=1)[:-2]
    lines = ",\n  ".join(json.dumps(c) for c in cases)
    (OUT / "manifest.json").write_text(f'{header},\n "cases": [\n  {lines}\n ]\n}}\n')
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote {len(cases)} cases, {total / 1024:.1f} KiB, to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
