"""Writes the ONNX importer fixtures: a tiny arcface_torch-shaped IResNet exported by torch.onnx three ways.

Run from the repository root:  python3 Tools/make_onnx_fixtures.py
Needs torch and onnx (Tools/requirements-fixtures.txt). CI never runs this; its outputs are committed under
Tests/CheckpointsTests/Fixtures/onnx/:

  iresnet_tiny_unfolded.onnx   every BatchNorm kept as a BatchNormalization node (TrainingMode.PRESERVE on an
                               eval-mode model skips the exporter's eval-time Conv+BN fusion)
  iresnet_tiny_folded.onnx     the default eval export: the exporter folds each BN that directly follows a Conv into
                               that Conv's weight and a new bias (as insightface's w600k_r50.onnx appears to be)
  iresnet_tiny_ingraph.onnx    the folded export of a wrapper that normalizes in the graph, (x - 127.5) * 0.0078125,
                               like MXNet-converted ArcFace models
  iresnet_tiny_matmul.onnx     the folded export with the fc written as x @ W.T + b, so the graph holds MatMul with a
                               constant [in, out] weight and a separate Add for the bias
  iresnet_tiny_external.onnx   the folded export saved with external data (the .data file is not kept: the importer
                               must reject the model before looking for it)
  not_iresnet.onnx             Conv -> Relu -> MaxPool, which is no IResNet
  handmade_<variant>.onnx      2-channel IResNet graphs written node by node with onnx.helper (one downsampling
                               block, one identity block). Initializers have meaningless names ("p0", "p1", ...) and
                               store their values in float_data / double_data instead of raw_data; each value is
                               named_random(<the arcface_torch key it must map to>, scale 0.5), so the Swift test
                               recomputes the expected values with NamedRandom. "ok" must load; the other variants
                               each break one structural rule and must be rejected.
  <name>_expected.npy / <name>_expected.txt
                               the arcface_torch state_dict each file must map to: one flat float32 array holding the
                               tensors back to back, and one line per tensor "<key> <d0>x<d1>..." in the same order.
                               For the folded files the conv weights/biases are torch's own fusion
                               (torch.nn.utils.fusion.fuse_conv_bn_weights) and the fused-away BN keys are absent.

The network is arcface_torch's IResNet topology (Sources/FacetPipeline/FacetPipeline.docc/Architectures.md,
"IResNet embedding network") shrunk: widths 8 | 8,16,16,32,
blocks 1,2,1,1 (so one stage has an identity block), 32x32 input, a 16-d embedding. Weights come from named_random (keyed by the state_dict name), BN
running variances are made positive.
"""
import os
import sys

import numpy as np
import onnx
import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_weights

sys.path.insert(0, os.path.join(os.path.dirname(__file__)))
from facet_fixtures import named_random  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "CheckpointsTests", "Fixtures", "onnx")
STEM, WIDTHS, BLOCKS, INPUT, EMBEDDING = 8, [8, 16, 16, 32], [1, 2, 1, 1], 32, 16


class IBasicBlock(nn.Module):
    def __init__(self, inplanes, planes, stride, downsample):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inplanes, eps=1e-5)
        self.conv1 = nn.Conv2d(inplanes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes, eps=1e-5)
        self.prelu = nn.PReLU(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes, eps=1e-5)
        self.downsample = downsample

    def forward(self, x):
        out = self.bn3(self.conv2(self.prelu(self.bn2(self.conv1(self.bn1(x))))))
        identity = self.downsample(x) if self.downsample is not None else x
        return out + identity


class TinyIResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, STEM, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(STEM, eps=1e-5)
        self.prelu = nn.PReLU(STEM)
        inplanes = STEM
        for i, (planes, blocks) in enumerate(zip(WIDTHS, BLOCKS), start=1):
            downsample = nn.Sequential(nn.Conv2d(inplanes, planes, 1, 2, bias=False), nn.BatchNorm2d(planes, eps=1e-5))
            identity_blocks = [IBasicBlock(planes, planes, 1, None) for _ in range(blocks - 1)]
            setattr(self, f"layer{i}", nn.Sequential(IBasicBlock(inplanes, planes, 2, downsample), *identity_blocks))
            inplanes = planes
        self.bn2 = nn.BatchNorm2d(inplanes, eps=1e-5)
        self.dropout = nn.Dropout(p=0.0)
        final = INPUT // 16
        self.fc = nn.Linear(inplanes * final * final, EMBEDDING)
        self.features = nn.BatchNorm1d(EMBEDDING, eps=1e-5)

    def forward(self, x):
        x = self.prelu(self.bn1(self.conv1(x)))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = self.dropout(torch.flatten(self.bn2(x), 1))
        return self.features(self.fc(x))


class InGraphNormalized(nn.Module):
    """MXNet-style: the graph itself maps raw 0..255 input to (x - 127.5) * 0.0078125."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net((x - 127.5) * 0.0078125)


class MatMulHead(nn.Module):
    """The same network with the fc applied as a plain matrix product plus bias."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        n = self.net
        x = n.prelu(n.bn1(n.conv1(x)))
        x = n.layer4(n.layer3(n.layer2(n.layer1(x))))
        x = torch.flatten(n.bn2(x), 1)
        return n.features(torch.matmul(x, n.fc.weight.t()) + n.fc.bias)


def seeded_model():
    model = TinyIResNet()
    state = {}
    for key, value in model.state_dict().items():
        if key.endswith("num_batches_tracked"):
            state[key] = value
            continue
        values = named_random.tensor(key, tuple(value.shape), 0.5)
        if key.endswith("running_var"):
            values = np.abs(values) + np.float32(0.5)
        state[key] = torch.from_numpy(values.copy())
    model.load_state_dict(state)
    return model.eval()


def folded_state(model):
    """arcface_torch state_dict after folding every Conv->BN pair, exactly as torch computes it."""
    sd = {k: v for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    pairs = [("conv1", "bn1")]
    for i, blocks in enumerate(BLOCKS, start=1):
        for b in range(blocks):
            p = f"layer{i}.{b}."
            pairs += [(p + "conv1", p + "bn2"), (p + "conv2", p + "bn3")]
            if b == 0:
                pairs.append((p + "downsample.0", p + "downsample.1"))
    for conv, bn in pairs:
        w, b = fuse_conv_bn_weights(sd[conv + ".weight"], None, sd[bn + ".running_mean"], sd[bn + ".running_var"],
                                    1e-5, sd[bn + ".weight"], sd[bn + ".bias"])
        sd[conv + ".weight"], sd[conv + ".bias"] = w.detach(), b.detach()
        for suffix in ("weight", "bias", "running_mean", "running_var"):
            del sd[f"{bn}.{suffix}"]
    return sd


def write_expected(name, state):
    keys = list(state.keys())
    flat = np.concatenate([state[k].detach().numpy().astype(np.float32).ravel() for k in keys])
    np.save(os.path.join(OUT, f"{name}_expected.npy"), flat)
    with open(os.path.join(OUT, f"{name}_expected.txt"), "w") as f:
        for k in keys:
            f.write(f"{k} {'x'.join(str(d) for d in state[k].shape)}\n")


def export(model, name, training):
    path = os.path.join(OUT, f"{name}.onnx")
    torch.onnx.export(model, torch.zeros(1, 3, INPUT, INPUT), path, input_names=["input.1"], opset_version=13,
                      training=training, do_constant_folding=True, dynamo=False)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    model = seeded_model()
    export(model, "iresnet_tiny_unfolded", torch.onnx.TrainingMode.PRESERVE)
    unfolded = {k: v for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    write_expected("iresnet_tiny_unfolded", unfolded)
    export(model, "iresnet_tiny_folded", torch.onnx.TrainingMode.EVAL)
    write_expected("iresnet_tiny_folded", folded_state(model))
    export(InGraphNormalized(model).eval(), "iresnet_tiny_ingraph", torch.onnx.TrainingMode.EVAL)
    export(MatMulHead(model).eval(), "iresnet_tiny_matmul", torch.onnx.TrainingMode.EVAL)

    folded = onnx.load(os.path.join(OUT, "iresnet_tiny_folded.onnx"))
    external = os.path.join(OUT, "iresnet_tiny_external.onnx")
    onnx.save_model(folded, external, save_as_external_data=True, all_tensors_to_one_file=True,
                    location="iresnet_tiny_external.data", size_threshold=256)
    os.remove(os.path.join(OUT, "iresnet_tiny_external.data"))

    plain = nn.Sequential(nn.Conv2d(3, 4, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2)).eval()
    torch.onnx.export(plain, torch.zeros(1, 3, 8, 8), os.path.join(OUT, "not_iresnet.onnx"), opset_version=13,
                      dynamo=False)
    for variant in HANDMADE_VARIANTS:
        handmade(variant)
    report_folding_error(model)


HANDMADE_VARIANTS = ["ok", "identity_first", "crossed_add", "no_features", "training_bn", "grouped_conv"]


def handmade(variant):
    """A 2-channel IResNet graph (stem, one downsampling block, one identity block, tail), optionally broken."""
    from onnx import TensorProto, helper

    c, nodes, inits, names = 2, [], [], iter(range(10_000))

    def param(key, shape, as_double=False):
        name = f"p{next(names)}"
        values = named_random.tensor(key, shape, 0.5)
        if key.endswith("running_var"):
            values = np.abs(values) + np.float32(0.5)
        kind, data = (TensorProto.DOUBLE, values.astype(np.float64)) if as_double else (TensorProto.FLOAT, values)
        inits.append(helper.make_tensor(name, kind, list(shape), data.ravel().tolist()))
        return name

    def node(op, inputs, key, outputs=1, **attrs):
        out = [f"{key}.out{i}" for i in range(outputs)]
        nodes.append(helper.make_node(op, inputs, out, name=key, **attrs))
        return out[0]

    def conv(x, key, cin, cout, k, stride, group=1):
        w = param(key + ".weight", (cout, cin // group, k, k))
        return node("Conv", [x, w], key, kernel_shape=[k, k], strides=[stride, stride], pads=[k // 2] * 4, group=group)

    def bn(x, key, training=False, channels=c):
        ps = [param(f"{key}.{s}", (channels,), as_double=s.startswith("running_")) for s in ("weight", "bias", "running_mean", "running_var")]
        extra = {"training_mode": 1} if training else {}
        return node("BatchNormalization", [x] + ps, key, outputs=3 if training else 1, epsilon=1e-5, **extra)

    def prelu(x, key):
        return node("PRelu", [x, param(key + ".weight", (c, 1, 1))], key)

    x = prelu(bn(conv("input", "conv1", 3, c, 3, 1), "bn1"), "prelu")
    for block, downsample in ((0, variant != "identity_first"), (1, False)):
        p = f"layer1.{block}."
        stride = 2 if downsample else 1
        out = bn(conv(prelu(bn(conv(bn(x, p + "bn1"), p + "conv1", c, c, 3, 1), p + "bn2"), p + "prelu"),
                      p + "conv2", c, c, 3, stride, group=2 if variant == "grouped_conv" else 1),
                 p + "bn3", training=(variant == "training_bn" and block == 1))
        shortcut = bn(conv(x, p + "downsample.0", c, c, 1, 2), p + "downsample.1") if downsample else x
        if variant == "crossed_add" and block == 1:
            shortcut = p + "bn1.out0"
        x = node("Add", [out, shortcut], p + "add")
    x = node("Flatten", [bn(x, "bn2")], "flatten", axis=1)
    x = node("Gemm", [x, param("fc.weight", (4, c * 16)), param("fc.bias", (4,))], "fc", transB=1)
    if variant != "no_features":
        x = bn(x, "features", channels=4)
    graph = helper.make_graph(nodes, "handmade", [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, 8, 8])],
                              [helper.make_tensor_value_info(x, TensorProto.FLOAT, [1, 4])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15)], producer_name="make_onnx_fixtures")
    if variant == "ok":
        onnx.checker.check_model(model, full_check=True)  # a valid ONNX model (opset 15 allows double BN statistics)
    onnx.save(model, os.path.join(OUT, f"handmade_{variant}.onnx"))


def report_folding_error(model):
    """How far the exporter's own Conv+BN folding is from torch.nn.utils.fusion (the tests' tolerance)."""
    from onnx import numpy_helper
    graph = onnx.load(os.path.join(OUT, "iresnet_tiny_folded.onnx")).graph
    values = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    convs = [n for n in graph.node if n.op_type == "Conv"]
    reference = folded_state(model)
    names = [k[: -len(".bias")] for k in reference if k.endswith(".bias") and ("conv" in k or "downsample.0" in k)]
    assert len(names) == len(convs)
    worst = 0.0
    for name, node in zip(names, convs):
        for suffix, value in (("weight", node.input[1]), ("bias", node.input[2])):
            ref = reference[f"{name}.{suffix}"].numpy()
            worst = max(worst, float(np.abs(values[value] - ref).max() / np.abs(ref).max()))
    print(f"folded weights vs torch fusion: max |diff| / max |ref| = {worst:.3g}")


if __name__ == "__main__":
    main()
