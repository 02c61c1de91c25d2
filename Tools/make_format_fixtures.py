"""Writes the .npy and .safetensors fixtures for Tests/TensorCoreTests (run from the repository root).

Every file here is written by NumPy or by the `safetensors` package (the reference implementation), so the
Swift readers are checked against files they did not produce. Values are hand-checkable: element i of a
tensor is (i - 2) * 0.25 unless noted, so tests compare with literals.

    python3 Tools/make_format_fixtures.py
"""
import io
import json
import os
import struct

import numpy as np
import torch
from safetensors.numpy import save_file as save_numpy
from safetensors.torch import save_file as save_torch

OUT = "Tests/TensorCoreTests/Fixtures"


def ramp(shape, dtype):
    n = int(np.prod(shape))
    return ((np.arange(n) - 2) * 0.25).astype(dtype).reshape(shape)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def npy_bytes(a, version=None):
    buf = io.BytesIO()
    np.lib.format.write_array(buf, a, version=version, allow_pickle=True)
    return buf.getvalue()


def npy_fixtures():
    d = f"{OUT}/npy"
    # dtypes, version 1.0 (np.save's default)
    write(f"{d}/f4.npy", npy_bytes(ramp((2, 3), np.float32)))
    write(f"{d}/f8.npy", npy_bytes(ramp((2, 3), np.float64)))
    write(f"{d}/i4.npy", npy_bytes((np.arange(6, dtype=np.int32) - 3).reshape(2, 3)))
    write(f"{d}/i8.npy", npy_bytes((np.arange(6, dtype=np.int64) - 3).reshape(2, 3)))
    write(f"{d}/u1.npy", npy_bytes((np.arange(6, dtype=np.uint8) * 50).reshape(2, 3)))
    write(f"{d}/scalar.npy", npy_bytes(np.array(1.5, np.float32)))
    write(f"{d}/empty.npy", npy_bytes(np.zeros((0, 4), np.float32)))
    write(f"{d}/vector.npy", npy_bytes(ramp((5,), np.float32)))
    # versions 2.0 and 3.0
    write(f"{d}/f4_v2.npy", npy_bytes(ramp((2, 3), np.float32), version=(2, 0)))
    write(f"{d}/f4_v3.npy", npy_bytes(ramp((2, 3), np.float32), version=(3, 0)))
    # 16-byte aligned header (the original NEP 1 rule; older writers such as candle's still use it)
    a = ramp((2, 3), np.float32)
    dict_text = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
    total = (10 + len(dict_text) + 1 + 15) // 16 * 16
    assert total % 64 != 0
    header = dict_text + " " * (total - 10 - len(dict_text) - 1) + "\n"
    data16 = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + a.tobytes()
    assert np.array_equal(np.load(io.BytesIO(data16)), a)
    write(f"{d}/f4_align16.npy", data16)
    # rejected kinds
    write(f"{d}/big_endian.npy", npy_bytes(ramp((2, 3), ">f4")))
    write(f"{d}/object.npy", npy_bytes(np.array([1, "a", None], dtype=object)))
    write(f"{d}/fortran.npy", npy_bytes(np.asfortranarray(ramp((2, 3), np.float32))))


def safetensors_fixtures():
    d = f"{OUT}/safetensors"
    os.makedirs(d, exist_ok=True)
    # Written by safetensors.numpy: F32, F16, F64, a rank-0 scalar, an empty tensor, and metadata.
    save_numpy({
        "cp.resnet.conv1.weight": ramp((2, 1, 2, 2), np.float32),
        "cp.resnet.bn1.running_var": ramp((3,), np.float16),
        "fc.bias": ramp((2, 2), np.float64),
        "scalar": np.array(-0.75, np.float32),
        "empty": np.zeros((0, 3), np.float32),
    }, f"{d}/numpy_written.safetensors", metadata={"format": "np", "note": "fixture"})
    # Written by safetensors.torch: BF16 (NumPy has no bfloat16) and an int64 counter.
    save_torch({
        "bn.weight": torch.tensor([1.0, -2.0, 0.5, 3.140625], dtype=torch.bfloat16),
        "bn.num_batches_tracked": torch.tensor(7, dtype=torch.int64),
    }, f"{d}/torch_bf16.safetensors")


def main():
    npy_fixtures()
    safetensors_fixtures()


if __name__ == "__main__":
    main()
