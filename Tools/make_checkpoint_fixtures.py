"""Writes the tiny PyTorch checkpoints for Tests/CheckpointsTests (run from the repository root).

Each checkpoint is a state_dict saved by torch.save, in the zip format and in the legacy format
(_use_new_zipfile_serialization=False), with keys named like BiSeNet's and IResNet's. Next to each, the
expected values are written as contiguous float32 by the `safetensors` package (`*.expected.safetensors`),
so the Swift test compares what it read from the .pth with what PyTorch itself holds.

    python3 Tools/make_checkpoint_fixtures.py
"""
import collections
import io
import os
import pickle
import struct
import sys

import torch
from safetensors.torch import save_file

sys.path.insert(0, os.path.dirname(__file__))
from facet_fixtures.named_random import tensor as named  # noqa: E402

OUT = "Tests/CheckpointsTests/Fixtures/pth"


def t(name, shape, dtype=torch.float32):
    return torch.from_numpy(named(name, shape)).to(dtype)


def bisenet_like():
    """float32, with the awkward cases: a transposed (strided) view, a view at a storage offset, two tensors
    sharing one storage, a scalar-shaped tensor, and BatchNorm's int64 num_batches_tracked."""
    sd = collections.OrderedDict()
    sd["cp.resnet.conv1.weight"] = t("cp.resnet.conv1.weight", (4, 3, 2, 2))
    for p in ("weight", "bias", "running_mean", "running_var"):
        sd[f"cp.resnet.bn1.{p}"] = t(f"cp.resnet.bn1.{p}", (4,))
    sd["cp.resnet.bn1.num_batches_tracked"] = torch.tensor(79999)
    # Strided: the transpose of a (2, 3) matrix, saved as a view with stride (1, 3).
    sd["ffm.conv1.weight"] = t("ffm.conv1.weight", (2, 3)).t()
    # Storage offset: rows 1..2 of a (3, 4) tensor, then a column slice (offset 5, stride (4, 1), size (2, 2)).
    big = t("conv_out.big", (3, 4))
    sd["conv_out.conv_out.weight"] = big[1:, 1:3]
    sd["conv_out.conv_out.bias"] = big[0]  # shares big's storage
    sd["scalar"] = torch.tensor(0.5)
    return sd


def iresnet_like_half():
    """float16 (as a half-precision export would be), IResNet key names."""
    sd = collections.OrderedDict()
    sd["conv1.weight"] = t("conv1.weight", (2, 3, 3, 3), torch.float16)
    sd["bn1.weight"] = t("bn1.weight", (2,), torch.float16)
    sd["prelu.weight"] = t("prelu.weight", (2,), torch.float16)
    sd["layer1.0.conv1.weight"] = t("layer1.0.conv1.weight", (2, 2, 3, 3), torch.float16)
    sd["fc.weight"] = t("fc.weight", (3, 4), torch.float16)
    sd["fc.bias"] = t("fc.bias", (3,), torch.float16)
    sd["features.num_batches_tracked"] = torch.tensor(3)
    return sd


def module_state_dict():
    """A real nn.Module state_dict: its OrderedDict carries `_metadata` (a BUILD opcode)."""
    torch.manual_seed(0)
    m = torch.nn.Sequential(torch.nn.Conv2d(3, 2, 1, bias=False), torch.nn.BatchNorm2d(2))
    return m.state_dict()


class Exploit:
    """What a hostile checkpoint does: unpickling calls os.system."""

    def __reduce__(self):
        return (os.system, ("echo pwned",))


class _StorageView:
    """A storage as torch <= 1.0 pickled it: part of a root storage, named by a view key."""

    def __init__(self, root_key, root, offset, count):
        self.root_key, self.root, self.offset, self.count = root_key, root, offset, count


class _LegacyTensor:
    def __init__(self, view, offset, size, stride):
        self.args = (view, offset, size, stride)

    def __reduce__(self):
        return (torch._utils._rebuild_tensor_v2, self.args + (False, collections.OrderedDict()))


def save_legacy_with_views(path):
    """The legacy format as torch <= 1.0 wrote it when tensors were views of one larger storage: persistent ids
    carry view metadata (view_key, offset, size). Current torch no longer writes these, so the pickles are
    produced here by hand in that layout, then checked by loading with torch.load."""
    root = torch.from_numpy(named("legacy.root", (10,)))
    views = {"a": (2, 6), "b": (0, 4)}  # view key -> (offset, count) within the root storage
    sd = collections.OrderedDict()
    sd["layer1.0.conv1.weight"] = _LegacyTensor(_StorageView("root", root, *views["a"]), 1, (2, 2), (1, 2))
    sd["layer1.0.bn1.weight"] = _LegacyTensor(_StorageView("root", root, *views["b"]), 0, (4,), (1,))

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj):
            if isinstance(obj, _StorageView):
                key = "a" if obj.offset == 2 else "b"
                return ("storage", torch.FloatStorage, obj.root_key, "cpu", obj.root.numel(), (key, obj.offset, obj.count))
            return None

    out = io.BytesIO()
    for header in (0x1950A86A20F9469CFC6C, 1001, dict(protocol_version=1001, little_endian=True,
                                                     type_sizes=dict(short=2, int=4, long=4))):
        pickle.dump(header, out, protocol=2)
    Pickler(out, protocol=2).dump(sd)
    pickle.dump(["root"], out, protocol=2)
    out.write(struct.pack("<q", root.numel()))
    out.write(root.numpy().tobytes())
    with open(path, "wb") as f:
        f.write(out.getvalue())
    loaded = torch.load(path, weights_only=False)
    expected = {"layer1.0.conv1.weight": root[2:8][1:].as_strided((2, 2), (1, 2)).contiguous(),
                "layer1.0.bn1.weight": root[0:4].clone()}
    assert list(loaded.keys()) == list(expected.keys())
    assert all(torch.equal(loaded[k], expected[k]) for k in expected)
    save_file(expected, path.replace(".legacy.pth", ".expected.safetensors"))


def save_both(name, sd, **options):
    torch.save(sd, f"{OUT}/{name}.pth", **options)
    torch.save(sd, f"{OUT}/{name}.legacy.pth", _use_new_zipfile_serialization=False, **options)
    expected = {k: v.float().contiguous() for k, v in sd.items() if not k.endswith("num_batches_tracked")}
    save_file(expected, f"{OUT}/{name}.expected.safetensors")
    # Both files load back in torch with the same values (guards the fixture itself).
    for path in (f"{OUT}/{name}.pth", f"{OUT}/{name}.legacy.pth"):
        back = torch.load(path, weights_only=not options)  # torch's weights_only loader lacks protocol 4 opcodes
        assert list(back.keys()) == list(sd.keys())
        assert all(torch.equal(back[k], sd[k]) for k in sd)


def main():
    os.makedirs(OUT, exist_ok=True)
    save_both("bisenet_like", bisenet_like())
    save_both("iresnet_like_half", iresnet_like_half())
    save_both("module_state_dict", module_state_dict())
    # Protocol 4 pickles use FRAME, MEMOIZE, SHORT_BINUNICODE and STACK_GLOBAL instead of protocol 2's opcodes.
    save_both("protocol4", module_state_dict(), pickle_protocol=4)
    save_legacy_with_views(f"{OUT}/views.legacy.pth")
    # A few hundred bytes whose one tensor is a stride-0 view of shape (20000, 20000): 1.6 GB once expanded.
    torch.save(collections.OrderedDict(weight=torch.zeros(1).expand(20000, 20000)), f"{OUT}/expanded_view.pth")
    evil = collections.OrderedDict(conv=torch.zeros(1), payload=Exploit())
    torch.save(evil, f"{OUT}/os_system.pth")
    torch.save(evil, f"{OUT}/os_system.legacy.pth", _use_new_zipfile_serialization=False)


if __name__ == "__main__":
    main()
