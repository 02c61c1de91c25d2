"""End to end: `facet extract` and `facet parse` on a folder of JPEG files, against `facet bench` (the network
alone) and against a Python pipeline doing the same job with the fastest runtime installed (ncnn, else ONNX
Runtime).

It writes --images (default 64) seeded smooth JPEG images per network, at the network's input size (112x112 for
extract, whose centre crop then keeps the whole image; 512x512 for parse), and the seeded synthetic weights of
compare_runtimes.py. Then, in --rounds interleaved rounds (outputs deleted before each, so nothing is skipped):
  facet e2e  wall time of `facet extract|parse -s images -d out --weights W --threads T --batch B`, process start
             and weight loading included;
  per image  the same command's cost per further image: (N - N/2) / (t(N images) - t(first N/2 of them)), each
             timed as above. Process start and weight loading cancel out; decoding, preprocessing, inference and
             writing remain. That is the rate of a large folder (MORPH: 55,000 images), where loading is noise.
             The Python pipeline's per-image rate is measured the same way;
  bench      `facet bench` of the same network: "layers", the threads splitting each layer of one batch of B
             (--parallel layers); "workers", T image workers of one thread, each on its own batch of B
             (--parallel images --batch B*T), which is how the batch commands schedule a folder of at least T
             batches. The faster is the network's ceiling;
  python     from loading the model to the last output file, in this process: cv2 decode, the reference
             preprocessing (ArcFace: documented centre crop, INTER_LINEAR to 112, (p/255 - 0.5)/0.5; BiSeNet:
             bilinear to 512, p/255 then ImageNet mean/std), inference, then np.save of the L2-normalized
             embedding or cv2.imwrite of the PNG label map. Interpreter start and imports are not counted.
Medians over rounds, in images/s. Targets: facet / bench >= 0.90, facet / python >= 2; both are printed for the
whole-folder rate (e2e) and the per-image rate. The Python
outputs are checked against Facet's (lowest embedding cosine, label agreement).

Usage: python3 Benchmarks/end_to_end.py [--facet .build/release/facet] [--images 64] [--threads 2]
Needs what compare_runtimes.py needs; ncnn with: python3 -m pip install ncnn pnnx
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_runtimes as cr  # noqa: E402  (models, weights, image generation, the runtimes, facet helpers)

np, cv2 = cr.np, cr.cv2

# (network, facet command, Facet's default --batch for that command)
JOBS = [("iresnet-r100", "extract", 8), ("bisenet", "parse", 1)]
IMAGENET_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
IMAGENET_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def write_images(folder, net, count):
    os.makedirs(folder)
    for i, image in enumerate(cr.smooth_images(count, cr.size(net), seed=1000 + count)):
        cv2.imwrite(os.path.join(folder, f"face{i:04d}.jpg"), image[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, 95])
    return sorted(os.listdir(folder))


# MARK: - The Python pipeline


def arcface_input(rgb):
    """Facet's documented extraction preprocessing: centre crop (inset floor(W/16), floor(H/16), grown by 22 px,
    clipped), INTER_LINEAR to 112x112, then arcface_torch's (p/255 - 0.5)/0.5."""
    h, w = rgb.shape[:2]
    dx, dy = w // 16, h // 16
    crop = rgb[max(dy - 22, 0):min(h - dy + 22, h), max(dx - 22, 0):min(w - dx + 22, w)]
    crop = cv2.resize(crop, (112, 112), interpolation=cv2.INTER_LINEAR)
    return ((crop.astype(np.float32) / 255 - 0.5) / 0.5).transpose(2, 0, 1)


def bisenet_input(rgb):
    """face-parsing.PyTorch: bilinear to 512x512 (a no-op at 512, where Pillow and OpenCV agree), p/255, then
    ImageNet mean and std."""
    if rgb.shape[:2] != (512, 512):
        rgb = cv2.resize(rgb, (512, 512), interpolation=cv2.INTER_LINEAR)
    return ((rgb.astype(np.float32) / 255 - IMAGENET_MEAN) / IMAGENET_STD).transpose(2, 0, 1)


def python_pipeline(peer_type, files, net, source, names, dest, threads, batch):
    """Decode, preprocess, infer and write every image; returns the wall time, model loading included."""
    start = time.perf_counter()
    peer = peer_type(files, net, batch, threads)
    os.makedirs(dest)
    to_input = bisenet_input if net == "bisenet" else arcface_input
    for first in range(0, len(names), batch):
        chunk = names[first:first + batch]
        x = np.stack([to_input(cv2.imread(os.path.join(source, name), cv2.IMREAD_COLOR)[:, :, ::-1])
                      for name in chunk])
        if len(chunk) < batch:  # the ONNX graphs have a static batch: pad the last one
            x = np.concatenate([x, np.zeros((batch - len(chunk),) + x.shape[1:], np.float32)])
        y = cr.postprocess(net, peer.run(x))
        for name, out in zip(chunk, y):
            stem = os.path.splitext(name)[0]
            if net == "bisenet":
                cv2.imwrite(os.path.join(dest, f"{stem}_mask.png"), out.astype(np.uint8))
            else:
                np.save(os.path.join(dest, f"{stem}.npy"), out.astype(np.float32))
    peer.close()
    return time.perf_counter() - start


def agreement(net, names, facet_dest, python_dest):
    """Label agreement % (BiSeNet) or lowest cosine (IResNet) between Facet's and the Python outputs."""
    stems = [os.path.splitext(name)[0] for name in names]
    if net == "bisenet":
        def labels(folder, stem):
            return cv2.imread(os.path.join(folder, f"{stem}_mask.png"), cv2.IMREAD_UNCHANGED)
        return float(np.mean([(labels(facet_dest, s) == labels(python_dest, s)).mean() for s in stems]) * 100)

    def embedding(folder, stem):
        return np.load(os.path.join(folder, f"{stem}.npy")).astype(np.float64)
    return float(min(np.dot(embedding(facet_dest, s), embedding(python_dest, s)) for s in stems))


# MARK: - One job


def fresh(folder):
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def measure(args, files, peer_type, folder, net, command, batch):
    source = os.path.join(folder, f"{net}_images")
    names = write_images(source, net, args.images)
    half_source = os.path.join(folder, f"{net}_half")
    os.makedirs(half_source)
    for name in names[:len(names) // 2]:
        shutil.copy(os.path.join(source, name), half_source)
    weights = files.safetensors(net)
    facet_dest, python_dest = os.path.join(folder, f"{net}_facet"), os.path.join(folder, f"{net}_python")
    # (label, images per bench pass, --parallel); see the module docstring
    modes = [("layers", batch, "layers")]
    if args.threads > 1:
        modes.append(("workers", batch * args.threads, "images"))
    peer_type(files, net, batch, args.threads).close()  # writes its ONNX or ncnn files before any timing
    rates = {"facet e2e": [], "facet per image": [], "python": [], "python per image": [], **{f"bench {label}": [] for label, _, _ in modes}}

    def run_facet(images, dest):
        start = time.perf_counter()
        cr.run_facet([args.facet, command, "-s", images, "-d", fresh(dest), "--weights", weights,
                      "--threads", str(args.threads), "--batch", str(batch), "--quiet"])
        return time.perf_counter() - start

    for _ in range(args.rounds):  # interleaved, so load from other processes hits all three alike
        whole = run_facet(source, facet_dest)
        half = run_facet(half_source, facet_dest + "_half")
        rates["facet e2e"].append(len(names) / whole)
        rates["facet per image"].append((len(names) - len(names) // 2) / max(whole - half, 1e-9))
        for label, images, parallel in modes:
            rate, _ = cr.time_facet(args.facet, net, weights, images, args.threads, 1, args.bench_iterations,
                                    parallel)
            rates[f"bench {label}"].append(rate)
        seconds = python_pipeline(peer_type, files, net, source, names, fresh(python_dest), args.threads, batch)
        half_seconds = python_pipeline(peer_type, files, net, source, names[:len(names) // 2],
                                       fresh(python_dest + "_half"), args.threads, batch)
        rates["python"].append(len(names) / seconds)
        rates["python per image"].append((len(names) - len(names) // 2) / max(seconds - half_seconds, 1e-9))
    medians = {label: statistics.median(values) for label, values in rates.items()}
    bench = max(medians[f"bench {label}"] for label, _, _ in modes)
    return {"network": net, "command": command, "images": len(names), "threads": args.threads, "batch": batch,
            "images_per_second": medians, "bench_best": bench, "python_runtime": peer_type.label,
            "e2e_over_bench": medians["facet e2e"] / bench,
            "e2e_over_python": medians["facet e2e"] / medians["python"],
            "per_image_over_bench": medians["facet per image"] / bench,
            "per_image_over_python": medians["facet per image"] / medians["python per image"],
            "python_vs_facet": agreement(net, names, facet_dest, python_dest)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facet", default=os.path.join(cr.ROOT, ".build", "release", "facet"))
    parser.add_argument("--images", type=int, default=64, help="JPEG files per network")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved repetitions; the median is reported")
    parser.add_argument("--bench-iterations", type=int, default=3, help="timed passes of each `facet bench`")
    parser.add_argument("--only", choices=[command for _, command, _ in JOBS], help="run one of the two jobs")
    args = parser.parse_args()
    cr.check_executable(args.facet)
    if cr.ncnn and cr.pnnx:
        peer_type = cr.NcnnPeer
    else:
        print("ncnn not installed (python3 -m pip install ncnn pnnx): the Python pipeline uses ONNX Runtime")
        peer_type = cr.OnnxRuntimePeer

    print(f"{cr.lscpu_model()}; facet {args.facet}; {args.images} JPEG images per job, {args.threads} threads, "
          f"{args.rounds} rounds; images/s, medians")
    print("load average at start: {:.2f} {:.2f} {:.2f} (1, 5, 15 min)".format(*os.getloadavg()))
    print(f"{'job':<28}{'batch':>6}{'facet e2e':>11}{'per image':>11}{'layers':>9}{'workers':>9}{'python':>9}"
          f"{'e2e/bench':>11}{'e2e/python':>12}{'img/bench':>11}{'img/python':>12}"
          f"   python runtime, python vs facet")
    with tempfile.TemporaryDirectory() as folder:
        files = cr.ModelFiles(folder)
        for net, command, batch in JOBS:
            if args.only and command != args.only:
                continue
            row = measure(args, files, peer_type, folder, net, command, batch)
            rates = row["images_per_second"]
            check = (f"labels equal {row['python_vs_facet']:.3f} %" if net == "bisenet"
                     else f"1 - lowest cosine {1 - row['python_vs_facet']:.1e}")
            workers = f"{rates['bench workers']:>9.2f}" if "bench workers" in rates else f"{'-':>9}"
            print(f"{'facet ' + command + ' ' + net:<28}{batch:>6}{rates['facet e2e']:>11.2f}"
                  f"{rates['facet per image']:>11.2f}{rates['bench layers']:>9.2f}{workers}{rates['python']:>9.2f}"
                  f"{row['e2e_over_bench']:>11.2f}{row['e2e_over_python']:>12.2f}"
                  f"{row['per_image_over_bench']:>11.2f}{row['per_image_over_python']:>12.2f}"
                  f"   {row['python_runtime']}, {check}", flush=True)
    print("per image: the rate once started and loaded; layers, workers: facet bench (see the module docstring); "
          "/bench: over the faster of the two. Targets: /bench >= 0.90, /python >= 2")


if __name__ == "__main__":
    main()
