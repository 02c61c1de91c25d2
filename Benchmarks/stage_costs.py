#!/usr/bin/env python3
"""What each study stage costs per image on this machine, for the scale plan
(Sources/FacetStudy/FacetStudy.docc/ScalingOut.md): `facet parse`, `facet blur` (all seven parts) and
`facet extract` (IResNet-100) on N synthetic 224x224 JPEG faces, and `facet match` on M synthetic 512-d features,
each timed end to end (decode, network, encode, write) with the real architectures and seeded weights.

    swift build -c release
    python3 Benchmarks/stage_costs.py [--images 96] [--features 12000] [--threads 2]

The model load is taken out by timing each command on one image as well: per image = (T(N) - T(1)) / (N - 1).
Needs torch (to build the seeded weights), safetensors, numpy and OpenCV (as Benchmarks/blur_reference.py).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import blur_reference  # noqa: E402
import compare_runtimes  # noqa: E402

PARTS = "eyes,eyeswbrows,brows,nose,mouthwlips,hair,skin"


def timed(command):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def per_image(make_command, images, one, work, label):
    """Seconds per image of one stage command, its one-image run subtracted (model load, process start)."""
    n = len(os.listdir(images))
    whole = timed(make_command(images, os.path.join(work, label + "-all")))
    single = timed(make_command(one, os.path.join(work, label + "-one")))
    return (whole - single) / (n - 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=96)
    parser.add_argument("--features", type=int, default=12000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--facet", default=os.path.join(HERE, "..", ".build", "release", "facet"))
    args = parser.parse_args()
    facet, j = args.facet, str(args.threads)
    work = tempfile.mkdtemp(prefix="facet-stage-costs-")
    try:
        data = os.path.join(work, "data")
        blur_reference.make_dataset(data, args.images)
        images = os.path.join(data, "images")
        one = os.path.join(work, "one")
        os.makedirs(one)
        first = sorted(os.listdir(images))[0]
        shutil.copy(os.path.join(images, first), one)
        weights = {}
        for net in ["bisenet", "iresnet"]:
            weights[net] = os.path.join(work, net + ".safetensors")
            save_file({k: v.contiguous() for k, v in compare_runtimes.build(net).state_dict().items()}, weights[net])

        rows = []
        cost = per_image(
            lambda s, d: [facet, "parse", "-s", s, "-d", d, "--weights", weights["bisenet"], "-j", j, "-q"],
            images, one, work, "parse")
        rows.append(("parse (BiSeNet, 512x512)", cost))
        labels = os.path.join(data, "labels")
        cost = per_image(
            lambda s, d: [facet, "blur", "-s", s, "-d", d, "--labels", labels, "--parts", PARTS, "-j", j, "-q"],
            images, one, work, "blur")
        rows.append(("blur (all 7 parts)", cost))
        cost = per_image(
            lambda s, d: [facet, "extract", "-s", s, "-d", d, "--weights", weights["iresnet"], "-j", j, "-q"],
            images, one, work, "extract")
        rows.append(("extract (IResNet-100), one pass", cost))

        features = os.path.join(work, "features")
        subprocess.run([sys.executable, os.path.join(HERE, "make_synthetic_features.py"), features, str(args.features)],
                       check=True)
        n = args.features
        seconds = timed([facet, "match", "-p", features, "-o", os.path.join(work, "match"), "-gr", "CM",
                         "--score-format", "compact", "-j", j, "-q"])
        pairs = n * (n - 1) // 2
        print(f"# {args.images} images, {args.threads} threads; match on {n} features ({pairs} pairs)")
        print("| stage | seconds per image |")
        print("|---|---|")
        for name, value in rows:
            print(f"| {name} | {value:.4f} |")
        print(f"\nmatch, compact scores: {seconds:.1f} s for {pairs} pairs = {pairs / seconds / 1e6:.1f} M pairs/s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
