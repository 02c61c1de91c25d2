"""Writes Tests/CLITests/Fixtures/pipeline: what the reference Python pipeline makes of one face image, with
synthetic weights (facet_fixtures.synthetic_weights), for the end-to-end tests of `facet parse` and `facet extract`.

  face224.png                 the input (a copy of Tests/ImagingTests/Fixtures/inputs/face224.png)
  face224_labels.npy          uint8 [512,512]: face-parsing.PyTorch test.py — PIL open, resize (512,512)
                              BILINEAR, ToTensor, Normalize(ImageNet), BiSeNet out[0], argmax over classes
  face224_r50.npy             float32 [512]: the reference extractor — cv2.imread (BGR), no-landmark centre crop
                              (the whole image at 224x224), cv2.resize to 112x112 (INTER_LINEAR), BGR->RGB,
                              arcface_torch (x/255-0.5)/0.5, IResNet-50, L2 normalize
  face224_r50_flip.npy        float32 [512]: the same with the insightface flip protocol, embedding(face) +
                              embedding(cv2.flip(face, 1)), then L2 normalize
Run: python3 Tools/make_pipeline_fixtures.py   (torch, numpy, pillow, opencv-python-headless; CPU)
"""
import os
import shutil
import sys

import cv2
import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from facet_fixtures import synthetic_weights  # noqa: E402
import model_reference as ref  # noqa: E402

ROOT = os.path.join(HERE, "..")
OUT = os.path.join(ROOT, "Tests", "CLITests", "Fixtures", "pipeline")
FACE = os.path.join(ROOT, "Tests", "ImagingTests", "Fixtures", "inputs", "face224.png")


def synthetic(model):
    model.load_state_dict(synthetic_weights.state_dict(model), strict=False)
    return model.eval()


def main():
    os.makedirs(OUT, exist_ok=True)
    shutil.copyfile(FACE, os.path.join(OUT, "face224.png"))
    torch.set_grad_enabled(False)

    rgb = np.asarray(Image.open(FACE).convert("RGB").resize((512, 512), Image.BILINEAR))
    x = ref.bisenet_input(torch.from_numpy(rgb.copy()).unsqueeze(0))
    labels = synthetic(ref.BiSeNet())(x).argmax(1)[0].numpy().astype(np.uint8)  # main head only, as out[0]
    np.save(os.path.join(OUT, "face224_labels.npy"), labels)

    bgr = cv2.imread(FACE, cv2.IMREAD_COLOR)
    face = cv2.cvtColor(cv2.resize(bgr, (112, 112)), cv2.COLOR_BGR2RGB)
    iresnet = synthetic(ref.IResNet(ref.IRESNET_BLOCKS["r50"], False))
    embed = lambda rgb: iresnet(ref.iresnet_input(torch.from_numpy(rgb.copy()).unsqueeze(0), mxnet=False))[0].numpy()  # noqa: E731
    e = embed(face)
    np.save(os.path.join(OUT, "face224_r50.npy"), (e / np.linalg.norm(e)).astype(np.float32))
    summed = e + embed(cv2.flip(face, 1))
    np.save(os.path.join(OUT, "face224_r50_flip.npy"), (summed / np.linalg.norm(summed)).astype(np.float32))
    print("labels: classes", np.unique(labels).tolist(), "| embedding norm before normalizing", np.linalg.norm(e))


if __name__ == "__main__":
    main()
