"""Writes Tests/FaceModelsTests/Fixtures: PyTorch reference outputs of BiSeNet and IResNet with synthetic weights.

No weights are committed: both sides make them from each key (facet_fixtures.synthetic_weights, twin of
Sources/FaceModels/SyntheticWeights.swift), and the input pixels from named_random too:
  pixel = int((u("<net>.input") + 1) * 128), u uniform in [-1, 1), an exact float32 value in [0, 256).
Files (.npy):
  <net>_keys.json              checkpoint key -> shape, as PyTorch's state_dict lists them (no num_batches_tracked)
  bisenet_<H>x<W>_logits.npy   float32 [N,19,H/s,W/s]: the upsampled main logits at rows/cols 0, s, 2s, ...
  bisenet_<H>x<W>_labels.npy   uint8 [N,H,W]: argmax over the 19 upsampled logits
  iresnet_<arch>_embeddings.npy float32 [2,512]: raw embeddings (before L2 normalization)
Run: python3 Tools/make_model_fixtures.py   (torch, numpy; CPU)
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from facet_fixtures import named_random, synthetic_weights  # noqa: E402
import model_reference as ref  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "FaceModelsTests", "Fixtures")


def pixels(name, n, h, w):
    u = named_random.uniform(name, n * h * w * 3, 1.0)
    return torch.from_numpy(((u + np.float32(1)) * np.float32(128)).astype(np.int64).astype(np.uint8)).view(n, h, w, 3)


def load_synthetic(model):
    model.load_state_dict(synthetic_weights.state_dict(model), strict=False)
    return model.eval()


def save_keys(model, name):
    keys = {k: list(v.shape) for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    with open(os.path.join(OUT, f"{name}_keys.json"), "w") as f:
        json.dump(keys, f, indent=0)
    return len(keys)


def bisenet(model, n, h, w, stride):
    x = ref.bisenet_input(pixels("bisenet.input", n, h, w))
    with torch.no_grad():
        logits = model(x)
    labels = logits.argmax(dim=1).to(torch.uint8).numpy()
    sub = logits[:, :, ::stride, ::stride].contiguous().numpy()
    np.save(os.path.join(OUT, f"bisenet_{h}x{w}_logits.npy"), sub)
    np.save(os.path.join(OUT, f"bisenet_{h}x{w}_labels.npy"), labels)
    top2 = logits.topk(2, dim=1).values
    margin = (top2[:, 0] - top2[:, 1]).flatten()
    print(f"bisenet {h}x{w}: |logits| max {logits.abs().max():.3f} std {logits.std():.3f}; "
          f"pixels with top-2 margin < 1e-3: {(margin < 1e-3).sum().item()} of {margin.numel()}")


def iresnet(arch, mxnet):
    model = load_synthetic(ref.IResNet(ref.IRESNET_BLOCKS[arch], mxnet=mxnet))
    x = ref.iresnet_input(pixels("iresnet.input", 2, 112, 112), mxnet)
    with torch.no_grad():
        emb = model(x).numpy()
    name = f"{'mxnet_' if mxnet else ''}{arch}"
    np.save(os.path.join(OUT, f"iresnet_{name}_embeddings.npy"), emb)
    print(f"iresnet {name}: |emb| max {np.abs(emb).max():.3f} norms {np.linalg.norm(emb, axis=1)}")
    return model


def main():
    torch.set_num_threads(2)
    os.makedirs(OUT, exist_ok=True)
    model = load_synthetic(ref.BiSeNet())
    print("bisenet keys:", save_keys(model, "bisenet"))
    bisenet(model, 1, 512, 512, 8)
    bisenet(model, 2, 96, 136, 4)
    print("iresnet r50 keys:", save_keys(iresnet("r50", False), "iresnet_r50"))
    print("iresnet r100 keys:", save_keys(iresnet("r100", False), "iresnet_r100"))
    iresnet("r100", True)


if __name__ == "__main__":
    main()
