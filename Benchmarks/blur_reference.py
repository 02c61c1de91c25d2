#!/usr/bin/env python3
"""Times the reference part-blur recipe (Python: OpenCV + SciPy, SEED create_blur_part.blur_image) and, if given,
`facet blur` on the same synthetic data set: N 224x224 JPEG faces with 512x512 label maps, all seven parts.

    swift build -c release
    python3 Benchmarks/blur_reference.py --images 200 --facet .build/release/facet [--threads 1]

Both sides read the JPEG, read the mask / label map, blur, and write a JPEG (q95) per part. The reference reads one
0/255 annotation PNG per part (written beforehand by its BiSeNet pass, not timed); facet reads one label map per
image. Prints images/s (one image = all seven parts) for each.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

import cv2
import numpy as np
import scipy.ndimage

PARTS = {"eyes": [4, 5], "eyeswbrows": [2, 3, 4, 5, 6], "brows": [2, 3], "nose": [10], "mouthwlips": [11, 12, 13],
         "hair": [17], "skin": [1]}
KERNEL = {"eyes": (5, 4), "eyeswbrows": (5, 4), "hair": (5, 4), "mouthwlips": (5, 4), "nose": (5, 3),
          "brows": (5, 2), "skin": (0, 0)}


def label_map(rng) -> np.ndarray:
    lab = np.zeros((512, 512), np.uint8)
    y, x = np.mgrid[0:512, 0:512]
    dy, dx = rng.integers(-20, 21, 2)

    def ellipse(cy, cx, ry, rx, v):
        lab[((y - cy - dy) / ry) ** 2 + ((x - cx - dx) / rx) ** 2 <= 1] = v

    for args in [(200, 256, 190, 220, 17), (280, 256, 200, 160, 1), (230, 190, 12, 26, 4), (230, 322, 12, 26, 5),
                 (195, 190, 8, 36, 2), (195, 322, 8, 36, 3), (300, 256, 45, 22, 10), (385, 256, 10, 50, 12),
                 (402, 256, 12, 46, 13), (393, 256, 4, 40, 11)]:
        ellipse(*args)
    return lab


def make_dataset(root: str, count: int):
    rng = np.random.default_rng(0)
    for sub in ["images", "labels", "annotations"]:
        os.makedirs(os.path.join(root, sub))
    yy, xx = np.mgrid[0:224, 0:224]
    for i in range(count):
        img = np.stack([128 + 60 * np.sin(xx / (7 + i % 5)), 120 + 50 * np.cos(yy / 9.0), 100 + 40 * np.sin((xx + yy) / 13)], -1)
        img = np.clip(img + rng.normal(0, 6, img.shape), 0, 255).astype(np.uint8)
        stem = f"{i:05d}_face"
        cv2.imwrite(os.path.join(root, "images", stem + ".JPG"), img)
        lab = label_map(rng)
        cv2.imwrite(os.path.join(root, "labels", stem + "_mask.png"), lab)
        for part, ids in PARTS.items():
            folder = os.path.join(root, "annotations", "mask_" + part)
            os.makedirs(folder, exist_ok=True)
            cv2.imwrite(os.path.join(folder, stem + "_annotation.png"), np.where(np.isin(lab, ids), 255, 0).astype(np.uint8))


def reference(root: str, out: str):
    """SEED create_blur_part.blur_image for every part, as written (per-file imread/imwrite)."""
    names = sorted(os.listdir(os.path.join(root, "images")))
    for part in PARTS:
        dest = os.path.join(out, "blurred_" + part)
        os.makedirs(dest, exist_ok=True)
        k, n = KERNEL[part]
        for name in names:
            face = cv2.cvtColor(cv2.imread(os.path.join(root, "images", name)), cv2.COLOR_BGR2RGB)
            mask = cv2.imread(os.path.join(root, "annotations", "mask_" + part, name[:-4] + "_annotation.png"))
            mask = cv2.resize(mask, (face.shape[1], face.shape[0]), interpolation=cv2.INTER_AREA)
            mask = cv2.dilate(mask, np.ones((k, k), np.uint8), iterations=n)
            alpha = scipy.ndimage.gaussian_filter(mask, 5) / 255
            final = alpha * cv2.blur(face, (15, 15)) + (1 - alpha) * face
            cv2.imwrite(os.path.join(dest, name), cv2.cvtColor(final.astype(np.uint8), cv2.COLOR_BGR2RGB))
    return len(names)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=200)
    ap.add_argument("--facet", help="path to a release build of facet")
    ap.add_argument("--threads", type=int, default=1, help="facet worker threads (OpenCV: cv2.setNumThreads)")
    args = ap.parse_args()
    cv2.setNumThreads(args.threads)
    root = tempfile.mkdtemp(prefix="facet-blur-bench-")
    try:
        make_dataset(root, args.images)
        t = time.perf_counter()
        n = reference(root, os.path.join(root, "out_python"))
        py = time.perf_counter() - t
        print(f"python/opencv/scipy recipe: {n} images x 7 parts in {py:.2f} s = {n / py:.1f} images/s "
              f"({7 * n / py:.1f} part-images/s), cv2 threads {args.threads}")
        if args.facet:
            t = time.perf_counter()
            subprocess.run([args.facet, "blur", "-s", os.path.join(root, "images"), "-d", os.path.join(root, "out_facet"),
                            "--labels", os.path.join(root, "labels"), "-j", str(args.threads), "-q"], check=True)
            fs = time.perf_counter() - t
            print(f"facet blur: {n} images x 7 parts in {fs:.2f} s = {n / fs:.1f} images/s "
                  f"({7 * n / fs:.1f} part-images/s), {args.threads} thread(s)")
            same = sum(open(os.path.join(root, "out_python", "blurred_" + p, f), "rb").read()
                       == open(os.path.join(root, "out_facet", "blurred_" + p, f), "rb").read()
                       for p in PARTS for f in os.listdir(os.path.join(root, "out_python", "blurred_" + p)))
            print(f"byte-identical output files: {same} of {7 * n}")
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    sys.exit(main())
