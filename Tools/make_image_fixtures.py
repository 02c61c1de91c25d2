#!/usr/bin/env python3
"""Regenerates Tests/ImagingTests/Fixtures: expected outputs of OpenCV, SciPy and Pillow image ops, the reference
part-blur recipe, and a corpus of odd image files with their Pillow decodes.

    python3 Tools/make_image_fixtures.py            # needs numpy, scipy, pillow, opencv-python-headless

Every image is stored as 8-bit PNG (lossless). manifest.json lists each case with its parameters and, for every
PNG, an FNV-1a-64 checksum of the decoded pixel bytes so the Swift tests can check their own PNG decoder too.
CI never runs this; the outputs are committed.
"""
import io
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib

import cv2
import numpy as np
import PIL
import scipy
import scipy.ndimage
from PIL import Image, ImageOps

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "ImagingTests", "Fixtures")
VERSION = 1

# BiSeNet labels per part and the reference dilation table
# (Sources/FacetPipeline/FacetPipeline.docc/BlurRecipe.md, "Parts").
PARTS = {
    "eyes": [4, 5],
    "eyeswbrows": [2, 3, 4, 5, 6],
    "brows": [2, 3],
    "nose": [10],
    "mouthwlips": [11, 12, 13],
    "hair": [17],
    "skin": [1],
}
KERNEL = {"eyes": (5, 4), "eyeswbrows": (5, 4), "hair": (5, 4), "mouthwlips": (5, 4), "nose": (5, 3),
          "brows": (5, 2), "skin": (0, 0)}


def fnv1a64(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


manifest = {"version": VERSION, "hint": "regenerate with python3 Tools/make_image_fixtures.py",
            "libraries": {"numpy": np.__version__, "scipy": scipy.__version__, "pillow": PIL.__version__,
                          "opencv": cv2.__version__},
            "pngs": {}, "ops": [], "recipes": [], "corpus": []}


def save_png(rel: str, array: np.ndarray) -> str:
    """Writes an HxW (gray) or HxWx3 (RGB order) uint8 array losslessly; records its checksum."""
    assert array.dtype == np.uint8
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Image.fromarray(array).save(path, optimize=True)
    manifest["pngs"][rel] = {"shape": list(array.shape), "fnv1a64": "%016x" % fnv1a64(array.tobytes())}
    return rel


# MARK: - Synthetic inputs

rng = np.random.default_rng(20260529)


def smooth_face(height: int, width: int, noise: int) -> np.ndarray:
    """A smooth colour image with a few edges and light noise: compresses well, exercises every op."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    cy, cx = height / 2, width / 2
    r = np.hypot((y - cy) / height, (x - cx) / width)
    img = np.stack([180 - 120 * r + 30 * np.sin(x / 9.0),
                    140 - 60 * r + 25 * np.cos(y / 7.0),
                    110 + 50 * np.sin((x + y) / 13.0)], axis=-1)
    img[(np.abs(x - cx) < width / 10) & (np.abs(y - cy * 1.2) < height / 14)] = (40, 30, 200)
    img += rng.integers(-noise, noise + 1, img.shape)
    return np.clip(np.round(img), 0, 255).astype(np.uint8)


def synthetic_labels(size: int = 512) -> np.ndarray:
    """A 512x512 BiSeNet-style label map with every class a part uses (ellipses on a face)."""
    lab = np.zeros((size, size), np.uint8)
    y, x = np.mgrid[0:size, 0:size]

    def ellipse(cy, cx, ry, rx, value):
        lab[((y - cy) / ry) ** 2 + ((x - cx) / rx) ** 2 <= 1] = value

    ellipse(200, 256, 190, 220, 17)  # hair
    ellipse(280, 256, 200, 160, 1)  # skin
    ellipse(230, 190, 22, 40, 6)  # glasses (left lens)
    ellipse(230, 322, 22, 40, 6)
    ellipse(230, 190, 12, 26, 4)  # eyes
    ellipse(230, 322, 12, 26, 5)
    ellipse(195, 190, 8, 36, 2)  # brows
    ellipse(195, 322, 8, 36, 3)
    ellipse(300, 256, 45, 22, 10)  # nose
    ellipse(385, 256, 10, 50, 12)  # upper lip
    ellipse(402, 256, 12, 46, 13)  # lower lip
    ellipse(393, 256, 4, 40, 11)  # mouth
    ellipse(280, 92, 40, 14, 7)  # ears
    ellipse(280, 420, 40, 14, 8)
    ellipse(480, 256, 40, 120, 14)  # neck
    return lab


face = smooth_face(224, 224, noise=1)
labels = synthetic_labels()
save_png("inputs/face224.png", face)
save_png("inputs/labels512.png", labels)
small_rgb = rng.integers(0, 256, (29, 37, 3), dtype=np.uint8)
small_gray = rng.integers(0, 256, (29, 37), dtype=np.uint8)
mid_rgb = rng.integers(0, 256, (84, 96, 3), dtype=np.uint8)
mid_gray = rng.integers(0, 256, (84, 96), dtype=np.uint8)
save_png("inputs/small_rgb.png", small_rgb)
save_png("inputs/small_gray.png", small_gray)
save_png("inputs/mid_rgb.png", mid_rgb)
save_png("inputs/mid_gray.png", mid_gray)
INPUTS = {"inputs/face224.png": face, "inputs/labels512.png": labels, "inputs/small_rgb.png": small_rgb,
          "inputs/small_gray.png": small_gray, "inputs/mid_rgb.png": mid_rgb, "inputs/mid_gray.png": mid_gray}


def op(name: str, source: str, params: dict, result: np.ndarray):
    rel = save_png(f"ops/{name}.png", result)
    manifest["ops"].append({"name": name, "source": source, "params": params, "expected": rel})


# MARK: - Resizes

def pillow_bilinear(a: np.ndarray, w: int, h: int) -> np.ndarray:
    return np.asarray(Image.fromarray(a).resize((w, h), Image.BILINEAR))


for src in ["inputs/face224.png"]:
    up = pillow_bilinear(INPUTS[src], 512, 512)
    op("pillow_face_224_to_512", src, {"op": "pillow_bilinear", "width": 512, "height": 512}, up)
    INPUTS["ops/pillow_face_224_to_512.png"] = up
op("pillow_face_512_to_224", "ops/pillow_face_224_to_512.png", {"op": "pillow_bilinear", "width": 224, "height": 224},
   pillow_bilinear(INPUTS["ops/pillow_face_224_to_512.png"], 224, 224))
for src in ["inputs/small_rgb.png", "inputs/small_gray.png"]:
    for (w, h) in [(64, 50), (20, 15), (37, 60), (11, 29), (5, 3), (80, 7), (30, 10), (36, 5), (20, 25), (31, 17)]:
        tag = src.split("/")[1][:-4]
        op(f"pillow_{tag}_{w}x{h}", src, {"op": "pillow_bilinear", "width": w, "height": h},
           pillow_bilinear(INPUTS[src], w, h))

binary224 = cv2.resize(np.where(labels == 10, 255, 0).astype(np.uint8), (224, 224), interpolation=cv2.INTER_AREA)
op("area_labels_nose_512_to_224", "inputs/labels512.png", {"op": "area_mask", "labels": [10], "width": 224,
   "height": 224}, binary224)
for src in ["inputs/mid_rgb.png", "inputs/mid_gray.png", "inputs/small_rgb.png", "inputs/small_gray.png"]:
    h0, w0 = INPUTS[src].shape[:2]
    tag = src.split("/")[1][:-4]
    sizes = [(42, 36), (w0 // 2, h0 // 2), (w0 // 3, h0 // 3), (w0 // 4, h0 // 2), (w0 - 1, h0 - 3),
             (17, 11), (w0 * 2 + 3, h0 + 5), (w0 + 30, h0 // 2), (w0, h0), (w0 // 4, h0), (w0, h0 // 4)]
    for (w, h) in sizes:
        op(f"area_{tag}_{w}x{h}", src, {"op": "area", "width": w, "height": h},
           cv2.resize(INPUTS[src], (w, h), interpolation=cv2.INTER_AREA))
    for (w, h) in [(w0 // 2, h0 // 2), (41, 35), (w0 - 7, h0 - 5), (w0 * 2 - 1, h0 + 9), (13, 50), (w0, h0)]:
        op(f"linear_{tag}_{w}x{h}", src, {"op": "linear", "width": w, "height": h},
           cv2.resize(INPUTS[src], (w, h), interpolation=cv2.INTER_LINEAR))
op("linear_face_224_to_112", "inputs/face224.png", {"op": "linear", "width": 112, "height": 112},
   cv2.resize(face, (112, 112), interpolation=cv2.INTER_LINEAR))
for (w, h) in [(150, 131), (97, 97), (173, 61)]:
    op(f"linear_face_{w}x{h}", "inputs/face224.png", {"op": "linear", "width": w, "height": h},
       cv2.resize(face, (w, h), interpolation=cv2.INTER_LINEAR))

# MARK: - Morphology, Gaussian, box blur

save_png("inputs/mask224.png", binary224)
INPUTS["inputs/mask224.png"] = binary224
for (k, n) in [(5, 4), (5, 3), (5, 2), (0, 0), (3, 1), (4, 2), (0, 2), (1, 3)]:
    kernel = np.ones((k, k), np.uint8)
    op(f"dilate_k{k}_n{n}", "inputs/mask224.png", {"op": "dilate", "kernel": k, "iterations": n},
       cv2.dilate(binary224, kernel, iterations=n))
op("dilate_rgb_k5_n2", "inputs/small_rgb.png", {"op": "dilate", "kernel": 5, "iterations": 2},
   cv2.dilate(small_rgb, np.ones((5, 5), np.uint8), iterations=2))

dilated = cv2.dilate(binary224, np.ones((5, 5), np.uint8), iterations=3)
save_png("inputs/dilated224.png", dilated)
INPUTS["inputs/dilated224.png"] = dilated
three = np.stack([dilated] * 3, axis=-1)
g3 = scipy.ndimage.gaussian_filter(three, 5)
assert (g3[..., 0] == g3[..., 1]).all() and (g3[..., 0] == g3[..., 2]).all()
op("gaussian_mask3_sigma5", "inputs/dilated224.png", {"op": "gaussian_three", "sigma": 5}, g3[..., 0])
op("gaussian_gray_sigma5", "inputs/dilated224.png", {"op": "gaussian", "sigma": 5},
   scipy.ndimage.gaussian_filter(dilated, 5))
op("gaussian_gray_sigma2", "inputs/mid_gray.png", {"op": "gaussian", "sigma": 2},
   scipy.ndimage.gaussian_filter(mid_gray, 2))
op("gaussian_gray_sigma1.5_small", "inputs/small_gray.png", {"op": "gaussian", "sigma": 1.5},
   scipy.ndimage.gaussian_filter(small_gray, 1.5))
op("gaussian_rgb_sigma5", "inputs/small_rgb.png", {"op": "gaussian", "sigma": 5},
   scipy.ndimage.gaussian_filter(small_rgb, 5))
op("gaussian_rgb_sigma3_spatial", "inputs/mid_rgb.png", {"op": "gaussian_spatial", "sigma": 3},
   scipy.ndimage.gaussian_filter(mid_rgb, (3, 3, 0)))
# The 41 weights for sigma 5 as NumPy computes them on this machine (hex floats), for the exp/sum check.
r = np.arange(-20, 21)
phi = np.exp(-0.5 / 25.0 * r ** 2)
manifest["gaussian_sigma5_weights"] = [float(v).hex() for v in (phi / phi.sum())[20:]]
manifest["gaussian_sigma5_weights_libm"] = [
    float(v).hex() for v in (lambda p: p / p.sum())(np.array([np.float64(__import__("math").exp(-0.5 / 25.0 * k * k))
                                                              for k in r]))[20:]]

for src in ["inputs/face224.png", "inputs/small_rgb.png", "inputs/small_gray.png"]:
    tag = src.split("/")[1][:-4]
    for size in [15, 3, 41]:
        op(f"box_{tag}_{size}", src, {"op": "box", "size": size}, cv2.blur(INPUTS[src], (size, size)))


# MARK: - The reference recipe (SEED create_blur_part.blur_image)
# Step by step in Sources/FacetPipeline/FacetPipeline.docc/BlurRecipe.md, "Steps".

def reference_blur(face_rgb: np.ndarray, annotation_path: str, part: str) -> np.ndarray:
    mask = cv2.imread(annotation_path)  # IMREAD_COLOR: three identical channels
    mask = cv2.resize(mask, (face_rgb.shape[1], face_rgb.shape[0]), interpolation=cv2.INTER_AREA)
    k, n = KERNEL[part]
    dilated_mask = cv2.dilate(mask, np.ones((k, k), np.uint8), iterations=n)
    blurred_mask = scipy.ndimage.gaussian_filter(dilated_mask, 5)
    blurred_mask = blurred_mask / 255
    blurred_face = cv2.blur(face_rgb, (15, 15))
    final = blurred_mask * blurred_face + (1 - blurred_mask) * face_rgb
    return final.astype(np.uint8)


def recipe_case(tag: str, face_rgb: np.ndarray, face_rel: str, parts):
    for part in parts:
        annotation = os.path.join(ROOT, f"recipe/{part}_annotation.png")
        os.makedirs(os.path.dirname(annotation), exist_ok=True)
        cv2.imwrite(annotation, np.where(np.isin(labels, PARTS[part]), 255, 0).astype(np.uint8))
        out = reference_blur(face_rgb, annotation, part)
        os.remove(annotation)
        rel = save_png(f"recipe/{tag}_{part}.png", out)
        manifest["recipes"].append({"part": part, "image": face_rel, "labels": "inputs/labels512.png",
                                    "expected": rel})


recipe_case("face224", face, "inputs/face224.png", list(PARTS))
odd = smooth_face(173, 201, noise=1)
save_png("inputs/face_201x173.png", odd)
recipe_case("face201x173", odd, "inputs/face_201x173.png", ["eyeswbrows"])
big = smooth_face(530, 540, noise=0)[:, :, :]
save_png("inputs/face_540x530.png", big)
recipe_case("face540x530", big, "inputs/face_540x530.png", ["nose"])


# MARK: - Odd-file corpus

CORPUS = os.path.join(ROOT, "corpus")
os.makedirs(CORPUS, exist_ok=True)
photo = smooth_face(48, 64, noise=3)


def corpus(name: str, data: bytes, expect: str, note: str, pillow_rgb=None, upright=None, keep_opencv=False):
    with open(os.path.join(CORPUS, name), "wb") as f:
        f.write(data)
    entry = {"file": f"corpus/{name}", "expect": expect, "note": note}
    if pillow_rgb is not None:
        entry["pillow"] = save_png(f"corpus/expected/{name}.png", pillow_rgb)
        cv = cv2.imread(os.path.join(CORPUS, name), cv2.IMREAD_COLOR)
        if cv is not None:
            diff = np.abs(cv2.cvtColor(cv, cv2.COLOR_BGR2RGB).astype(int) - (upright if upright is not None
                                                                            else pillow_rgb).astype(int))
            entry["opencv_vs_pillow_max_diff"] = int(diff.max())
            if keep_opencv:
                entry["opencv"] = save_png(f"corpus/expected/{name}.opencv.png", cv2.cvtColor(cv, cv2.COLOR_BGR2RGB))
    if upright is not None:
        entry["pillow_upright"] = save_png(f"corpus/expected/{name}.upright.png", upright)
    manifest["corpus"].append(entry)


def encode(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def pillow_rgb(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


pil = Image.fromarray(photo)
baseline = encode(pil, "JPEG", quality=90)
corpus("baseline.jpg", baseline, "ok", "baseline 4:2:0 q90", pillow_rgb(baseline))
prog = encode(pil, "JPEG", quality=85, progressive=True)
corpus("progressive.jpg", prog, "ok", "progressive", pillow_rgb(prog))
s444 = encode(pil, "JPEG", quality=95, subsampling=0)
corpus("subsampling444.jpg", s444, "ok", "4:4:4", pillow_rgb(s444))
gray = encode(pil.convert("L"), "JPEG", quality=90)
corpus("grayscale.jpg", gray, "ok", "1-component JPEG", pillow_rgb(gray))
cmyk = encode(pil.convert("CMYK"), "JPEG", quality=90)
corpus("cmyk.jpg", cmyk, "ok", "Adobe CMYK (inverted) written by Pillow", pillow_rgb(cmyk))
# YCCK (Adobe transform 2): neither Pillow nor OpenCV writes it, so a small libjpeg program does (needs cc and
# libjpeg-dev).
helper = os.path.join(tempfile.mkdtemp(), "write_ycck_jpeg")
subprocess.run(["cc", os.path.join(os.path.dirname(os.path.abspath(__file__)), "c", "write_ycck_jpeg.c"), "-ljpeg",
                "-o", helper], check=True)
subprocess.run([helper, helper + ".jpg"], check=True)
ycck = open(helper + ".jpg", "rb").read()
assert Image.open(io.BytesIO(ycck)).info.get("adobe_transform") == 2
corpus("ycck.jpg", ycck, "ok", "YCCK (Adobe transform 2) written by libjpeg", pillow_rgb(ycck))
for orientation in range(1, 9):
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = encode(pil, "JPEG", quality=90, exif=exif.tobytes())
    stored = pillow_rgb(data)
    upright = np.asarray(ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB"))
    corpus(f"exif_orientation_{orientation}.jpg", data, "ok", f"EXIF orientation {orientation}", stored, upright)
wide = np.zeros((20, 30, 3), np.uint16)
wide[..., 0] = np.linspace(0, 65535, 30)[None, :].astype(np.uint16)
wide[..., 1] = np.linspace(65535, 0, 20)[:, None].astype(np.uint16)
wide[..., 2] = rng.integers(0, 65536, (20, 30))
ok, png16 = cv2.imencode(".png", wide[..., ::-1])  # OpenCV writes BGR
corpus("rgb16.png", png16.tobytes(), "ok", "16-bit RGB", pillow_rgb(png16.tobytes()), keep_opencv=True)
ok, gray16 = cv2.imencode(".png", wide[..., 2])
corpus("gray16.png", gray16.tobytes(), "ok", "16-bit gray", pillow_rgb(gray16.tobytes()), keep_opencv=True)
pal = encode(pil.quantize(16), "PNG")
corpus("palette.png", pal, "ok", "8-bit palette", pillow_rgb(pal))
la = Image.merge("LA", [pil.convert("L"), Image.fromarray(rng.integers(0, 256, (48, 64), dtype=np.uint8))])
la_png = encode(la, "PNG")
corpus("gray_alpha.png", la_png, "ok", "gray + alpha (alpha dropped)", pillow_rgb(la_png))
rgba = pil.copy()
rgba.putalpha(Image.fromarray(rng.integers(0, 256, (48, 64), dtype=np.uint8)))
rgba_png = encode(rgba, "PNG")
corpus("rgba.png", rgba_png, "ok", "RGBA (alpha dropped, not composited)", pillow_rgb(rgba_png))
def png_with_gamma(rgb: np.ndarray, gamma: int) -> bytes:
    """An RGB PNG with a gAMA chunk (Pillow cannot write one); Pillow and OpenCV ignore it when decoding."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    h, w = rgb.shape[:2]
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"gAMA", struct.pack(">I", gamma)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


for gamma in [100000, 50000]:
    data = png_with_gamma(photo, gamma)
    corpus(f"gamma_{gamma}.png", data, "ok", f"gAMA {gamma / 100000} (ignored, as Pillow and OpenCV do)",
           pillow_rgb(data))
gray_png = encode(pil.convert("L"), "PNG")
corpus("gray.png", gray_png, "ok", "8-bit gray", pillow_rgb(gray_png))
corpus("truncated.jpg", baseline[: len(baseline) // 2], "error", "JPEG cut in half")
corpus("truncated.png", rgba_png[: len(rgba_png) // 2], "error", "PNG cut in half")
corpus("empty.jpg", b"", "error", "zero bytes")
corpus("text.jpg", b"this is not an image\n", "error", "text renamed to .jpg")
corpus("header_only.jpg", baseline[:2], "error", "SOI marker only")
bad_crc = bytearray(gray_png)
bad_crc[40] ^= 0xFF
corpus("corrupt_idat.png", bytes(bad_crc), "error", "PNG with a damaged byte in IDAT")

# JPEG encoding: OpenCV's imwrite default (quality 95) of the 224 face, to compare bytes with our encoder.
ok, enc = cv2.imencode(".jpg", cv2.cvtColor(face, cv2.COLOR_RGB2BGR))
with open(os.path.join(ROOT, "encode_face224_q95_opencv.jpg"), "wb") as f:
    f.write(enc.tobytes())
manifest["jpeg_encode"] = {"source": "inputs/face224.png", "opencv": "encode_face224_q95_opencv.jpg"}

# MARK: - End to end: the reference script's file-to-file behaviour, for `facet blur` (Tests/CLITests)
# SEED create_blur_part.blur_image on a JPEG written by cv2.imwrite: cv2.imread -> BGR2RGB -> recipe ->
# cv2.imwrite(cvtColor(final, BGR2RGB)) as JPEG quality 95 with the same file name.
E2E = os.path.join(ROOT, "..", "..", "CLITests", "Fixtures", "blur")
os.makedirs(os.path.join(E2E, "images"), exist_ok=True)
os.makedirs(os.path.join(E2E, "labels"), exist_ok=True)
cv2.imwrite(os.path.join(E2E, "images", "face.JPG"), cv2.cvtColor(face, cv2.COLOR_RGB2BGR))
Image.fromarray(labels).save(os.path.join(E2E, "labels", "face_mask.png"), optimize=True)
for part in ["nose", "eyeswbrows"]:
    annotation = os.path.join(E2E, "face_annotation.png")
    cv2.imwrite(annotation, np.where(np.isin(labels, PARTS[part]), 255, 0).astype(np.uint8))
    rgb = cv2.cvtColor(cv2.imread(os.path.join(E2E, "images", "face.JPG")), cv2.COLOR_BGR2RGB)
    final = reference_blur(rgb, annotation, part)
    os.remove(annotation)
    os.makedirs(os.path.join(E2E, f"blurred_{part}"), exist_ok=True)
    cv2.imwrite(os.path.join(E2E, f"blurred_{part}", "face.JPG"), cv2.cvtColor(final, cv2.COLOR_BGR2RGB))

with open(os.path.join(ROOT, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1, sort_keys=True)
total = sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(ROOT) for n in ns)
print(f"wrote {len(manifest['ops'])} op cases, {len(manifest['recipes'])} recipes, {len(manifest['corpus'])} "
      f"corpus files; {total / 1e6:.2f} MB", file=sys.stderr)
