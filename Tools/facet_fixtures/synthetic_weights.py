"""Seeded stand-in weights for a checkpoint key; the twin of Sources/FaceModels/SyntheticWeights.swift.

Values come from named_random.uniform(key, ...), shaped per key so activations stay O(1) through full-depth
networks:
  running_var          0.5 + |u(0.5)|                 (positive)
  running_mean         u(0.125)
  rank >= 2 (conv/fc)  u(2^e), e = floor(log2(3/fan_in)/2 + 0.5)   (std ~ 1/sqrt(fan_in), a power of two)
  *.prelu.weight       0.25 + u(0.125)
  *.bn3.weight         0.125 + u(0.0625)              (last BN of an IResNet residual branch: keeps 30-block
                                                       stages from growing without bound)
  other 1-D weight     0.875 + u(0.25)                (BN gamma)
  bias                 u(0.125)
where u(s) is uniform in [-s, s). All arithmetic is float32, as in Swift.
"""
import math

import numpy as np

from . import named_random


def values(key: str, shape) -> np.ndarray:
    count = int(np.prod(shape))
    leaf = key.rsplit(".", 1)[-1]
    u = lambda scale: named_random.uniform(key, count, scale)  # noqa: E731
    f = np.float32
    if leaf == "running_var":
        out = f(0.5) + np.abs(u(0.5))
    elif leaf == "running_mean":
        out = u(0.125)
    elif len(shape) >= 2:
        fan_in = count // shape[0]
        out = u(2.0 ** weight_exponent(fan_in))
    elif leaf == "bias":
        out = u(0.125)
    elif key.endswith("prelu.weight"):
        out = f(0.25) + u(0.125)
    elif key.endswith(".bn3.weight"):
        out = f(0.125) + u(0.0625)
    else:
        out = f(0.875) + u(0.25)
    return out.astype(np.float32).reshape(shape)


def weight_exponent(fan_in: int) -> int:
    return math.floor(math.log2(3.0 / fan_in) / 2.0 + 0.5)


def state_dict(module) -> dict:
    """Synthetic values for every tensor of a torch module's state_dict except num_batches_tracked."""
    import torch

    return {
        k: torch.from_numpy(values(k, tuple(v.shape)))
        for k, v in module.state_dict().items()
        if not k.endswith("num_batches_tracked")
    }
