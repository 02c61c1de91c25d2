"""Deterministic floats keyed by a name; the twin of Tests/TestSupport/NamedRandom.swift.

seed = FNV-1a-64(name); element i = splitmix64 finaliser of seed + (i+1)*0x9E3779B97F4A7C15;
u = (z >> 40) / 2**24; value = (2u - 1) * scale in float32.
"""
import numpy as np

_M64 = (1 << 64) - 1


def seed(name: str) -> int:
    h = 0xCBF29CE484222325
    for b in name.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & _M64
    return h


def uniform(name: str, count: int, scale: float = 1.0) -> np.ndarray:
    with np.errstate(over="ignore"):
        i = np.arange(1, count + 1, dtype=np.uint64)
        z = np.uint64(seed(name)) + i * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    u = (z >> np.uint64(40)).astype(np.float32) / np.float32(16777216.0)
    return (np.float32(2.0) * u - np.float32(1.0)) * np.float32(scale)


def tensor(name: str, shape, scale: float = 1.0) -> np.ndarray:
    return uniform(name, int(np.prod(shape)), scale).reshape(shape)
