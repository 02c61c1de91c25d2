"""Facet against ncnn, OpenVINO, ONNX Runtime and PyTorch on the same machine, in one run: images/s per
(network, batch, threads), after checking that every runtime computes the same outputs.

Every runtime runs the real architectures with the same seeded synthetic weights (Tools/facet_fixtures/
synthetic_weights.py): the PyTorch modules (Tools/model_reference.py) are written to safetensors for
`facet bench --weights`, exported to ONNX (static shapes) for ONNX Runtime and OpenVINO, and converted from that
ONNX to ncnn by pnnx (fp32 weights).

Fidelity: before timing, each runtime runs one seeded batch of smooth random images (as NCHW float32, after the
reference preprocessing), and its outputs are compared with PyTorch's: BiSeNet max |logits difference| and argmax
label agreement; IResNet max |difference| of the L2-normalized embeddings and their lowest cosine. Facet takes
the same images as PNG files through `facet parse` / `facet extract` (it writes labels and normalized
embeddings, not logits).

Timing: each runtime is timed in --rounds interleaved rounds of --iterations passes after --warmup passes; a
round's figure is its median pass, and the table shows the median over rounds, in images/s. Timed work per pass:
BiSeNet 512x512 logits + argmax labels; IResNet 112x112 embeddings + L2 normalization. Facet runs with its
threads splitting each layer ("facet") and, where batch > 1 and threads > 1, as image workers ("facet-img").
ncnn takes one image per call, so a batch of B is B calls. "GFLOP/s" is Facet's best rate times the direct
convolution FLOPs of the network (2 per multiply-add of every Conv2d and Linear), so Winograd layers can put it
above the sgemm peak printed beside it (`facet bench kernels`: sgemm 1024^3 over the same threads).

Usage: python3 Benchmarks/compare_runtimes.py [--facet .build/release/facet] [--quick] [--json-out results.json]
Needs: python3 -m pip install torch onnx onnxruntime safetensors numpy opencv-python-headless
Optional peers (skipped when missing): python3 -m pip install ncnn pnnx openvino
"""
import argparse
import gc
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "Tools"))


def require(module, pip_name):
    try:
        return importlib.import_module(module)
    except ImportError:
        sys.exit(f"error: Python package {module!r} is missing: python3 -m pip install {pip_name}")


def optional(module):
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


np = require("numpy", "numpy")
torch = require("torch", "torch")
ort = require("onnxruntime", "onnxruntime")
cv2 = require("cv2", "opencv-python-headless")
require("onnx", "onnx")  # torch.onnx.export needs it
save_file = require("safetensors.torch", "safetensors").save_file
from facet_fixtures import synthetic_weights  # noqa: E402
import model_reference as ref  # noqa: E402

ncnn, pnnx = optional("ncnn"), optional("pnnx")
ov = optional("openvino")

CONFIGS = [(net, batch, threads) for threads in (2, 1)
           for net, batch in (("bisenet", 1), ("bisenet", 4), ("iresnet-r100", 1), ("iresnet-r100", 8),
                              ("iresnet-r50", 8))]
QUICK_CONFIGS = [("iresnet-r100", 1, 2), ("bisenet", 1, 2)]


# MARK: - Models and their files


def build(net):
    model = ref.BiSeNet() if net == "bisenet" else ref.IResNet(ref.IRESNET_BLOCKS[net.split("-")[1]])
    model.load_state_dict(synthetic_weights.state_dict(model), strict=False)
    return model.eval()


def size(net):
    return 512 if net == "bisenet" else 112


def facet_network(net):
    """The `facet bench` subcommand; the IResNet depth comes from the weights file."""
    return "bisenet" if net == "bisenet" else "iresnet"


def gflop_per_image(model, net):
    """Direct-convolution GFLOP of one image: 2 per multiply-add of every Conv2d and Linear."""
    flops = []

    def conv(module, inputs, output):
        k = module.in_channels // module.groups * module.kernel_size[0] * module.kernel_size[1]
        flops.append(2 * output.numel() * k)

    def linear(module, inputs, output):
        flops.append(2 * output.numel() * module.in_features)

    hooks = [m.register_forward_hook(conv if isinstance(m, torch.nn.Conv2d) else linear)
             for m in model.modules() if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))]
    with torch.inference_mode():
        model(torch.zeros(1, 3, size(net), size(net)))
    for hook in hooks:
        hook.remove()
    return sum(flops) / 1e9


class ModelFiles:
    """Builds each network once and writes its weight, ONNX and ncnn files on first use."""

    def __init__(self, folder):
        self.folder = folder
        self.models, self.paths, self.gflops = {}, {}, {}

    def model(self, net):
        if net not in self.models:
            self.models[net] = build(net)
        return self.models[net]

    def _path(self, key, name, write):
        if key not in self.paths:
            path = os.path.join(self.folder, name)
            write(path)
            self.paths[key] = path
        return self.paths[key]

    def safetensors(self, net):
        def write(path):
            state = self.model(net).state_dict()
            save_file({k: v for k, v in state.items() if not k.endswith("num_batches_tracked")}, path)
        return self._path(("safetensors", net), f"{net}.safetensors", write)

    def onnx(self, net, batch):
        """Static shapes: BiSeNet's pooling kernels and resize sizes come from feature-map sizes."""
        def write(path):
            x = torch.zeros(batch, 3, size(net), size(net))
            torch.onnx.export(self.model(net), (x,), path, input_names=["input"], output_names=["output"],
                              opset_version=17, dynamo=False)
        return self._path(("onnx", net, batch), f"{net}_b{batch}.onnx", write)

    def gflop(self, net):
        if net not in self.gflops:
            self.gflops[net] = gflop_per_image(self.model(net), net)
        return self.gflops[net]

    def ncnn(self, net):
        """pnnx from the batch-1 ONNX file: tracing the module itself leaves BiSeNet's global average pools
        with shape-dependent kernels, which pnnx cannot turn into ncnn layers."""
        def write(stem):
            s = size(net)
            param, weights = f"{stem}.ncnn.param", f"{stem}.ncnn.bin"
            command = [pnnx.EXEC_PATH, self.onnx(net, 1), f"inputshape=[1,3,{s},{s}]f32", "fp16=0",
                       f"ncnnparam={param}", f"ncnnbin={weights}"]
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode != 0 or not os.path.exists(weights):
                sys.exit(f"error: pnnx could not convert {net}: {result.stderr.strip()[-400:]}")
        stem = self._path(("ncnn", net), f"{net}_ncnn", write)
        return f"{stem}.ncnn.param", f"{stem}.ncnn.bin"


# MARK: - Runtimes in this process


class PyTorchPeer:
    label, fp32 = "PyTorch", True

    def __init__(self, files, net, batch, threads):
        torch.set_num_threads(threads)
        self.model = files.model(net)

    def run(self, x):
        with torch.inference_mode():
            return self.model(torch.from_numpy(x)).numpy()

    def close(self):
        pass


class OnnxRuntimePeer:
    label, fp32 = "ORT", True

    def __init__(self, files, net, batch, threads):
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self.session = ort.InferenceSession(files.onnx(net, batch), options, providers=["CPUExecutionProvider"])

    def run(self, x):
        return self.session.run(None, {"input": x})[0]

    def close(self):
        # ORT's pool threads keep spinning after a run until the session is freed; left alive, they take a
        # core from whichever runtime is timed next.
        del self.session
        gc.collect()


class OpenVINOPeer:
    """One stream and the latency hint, so INFERENCE_NUM_THREADS is the number of threads one request uses."""
    precision_hint = None  # None: OpenVINO's default for this CPU (bf16 where AVX512_BF16/AMX exist)

    def __init__(self, files, net, batch, threads):
        config = {"INFERENCE_NUM_THREADS": threads, "PERFORMANCE_HINT": "LATENCY", "NUM_STREAMS": 1}
        if self.precision_hint:
            config["INFERENCE_PRECISION_HINT"] = self.precision_hint
        self.compiled = ov.Core().compile_model(files.onnx(net, batch), "CPU", config)
        self.precision = self.compiled.get_property("INFERENCE_PRECISION_HINT").to_string()
        self.request = self.compiled.create_infer_request()

    @property
    def fp32(self):
        return self.precision == "f32"

    def run(self, x):
        self.request.infer({0: x})
        return self.request.get_output_tensor(0).data

    def close(self):
        del self.request, self.compiled
        gc.collect()


class OpenVINOFp32Peer(OpenVINOPeer):
    label, precision_hint = "OV-f32", "f32"


class OpenVINODefaultPeer(OpenVINOPeer):
    label = "OV-default"


class NcnnPeer:
    label, fp32 = "ncnn", True

    def __init__(self, files, net, batch, threads):
        param, weights = files.ncnn(net)
        self.net = ncnn.Net()
        self.net.opt.num_threads = threads
        # fp32 throughout: ncnn would otherwise store and compute in fp16 where the CPU allows it.
        for flag in ("use_fp16_packed", "use_fp16_storage", "use_fp16_arithmetic", "use_bf16_storage"):
            setattr(self.net.opt, flag, False)
        self.net.load_param(param)
        self.net.load_model(weights)

    def run(self, x):
        outputs = []
        for image in x:
            image = np.ascontiguousarray(image)  # ncnn.Mat wraps this buffer: it must outlive the call
            extractor = self.net.create_extractor()
            extractor.input("in0", ncnn.Mat(image))
            _, out = extractor.extract("out0")
            outputs.append(np.array(out))
        return np.stack(outputs)

    def close(self):
        self.net.clear()
        del self.net
        gc.collect()


def available_peers():
    """The in-process runtimes, fastest-expected first; optional ones are skipped with a message."""
    peers = []
    if ncnn and pnnx:
        peers.append(NcnnPeer)
    else:
        print("skipping ncnn: needs the ncnn and pnnx packages (python3 -m pip install ncnn pnnx)")
    if ov:
        peers += [OpenVINOFp32Peer, OpenVINODefaultPeer]
    else:
        print("skipping OpenVINO: python3 -m pip install openvino")
    return peers + [OnnxRuntimePeer, PyTorchPeer]


def postprocess(net, y):
    return y.argmax(axis=1) if net == "bisenet" else y / np.linalg.norm(y, axis=1, keepdims=True)


# MARK: - Facet through its CLI


def check_executable(path):
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        sys.exit(f"error: no facet executable at {path}: build it with `swift build -c release` or pass --facet")


def run_facet(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"error: `{' '.join(command)}` exited {result.returncode}: {result.stderr.strip()[-400:]}")
    return result.stdout


def time_facet(facet, net, weights, batch, threads, warmup, iterations, parallel):
    command = [facet, "bench", facet_network(net), "--weights", weights, "--batch", str(batch),
               "--threads", str(threads), "--warmup", str(warmup), "--iterations", str(iterations),
               "--parallel", parallel, "--json"]
    report = json.loads(run_facet(command))
    return batch / (report["milliseconds_per_batch"] / 1000), report["allocations_per_image_after_warmup"]


def sgemm_peak(facet, threads):
    """`facet bench kernels` times sgemm 1024^3 first (then every layer shape, which is not needed here)."""
    report = json.loads(run_facet([facet, "bench", "kernels", "--json", "--threads", str(threads), "--repeat", "3"]))
    return report["sgemm1024"]["gflops"]


def facet_outputs(facet, net, weights, images, threads, folder):
    """Facet's labels (BiSeNet) or normalized embeddings (IResNet) for uint8 RGB images, through PNG files."""
    source, dest = os.path.join(folder, "images"), os.path.join(folder, "out")
    os.makedirs(source)
    for i, image in enumerate(images):
        cv2.imwrite(os.path.join(source, f"{i:04d}.png"), image[:, :, ::-1])  # OpenCV writes BGR
    command = "parse" if net == "bisenet" else "extract"
    run_facet([facet, command, "-s", source, "-d", dest, "--weights", weights, "--batch", str(len(images)),
               "--threads", str(threads), "--quiet"])
    if net == "bisenet":
        return np.stack([cv2.imread(os.path.join(dest, f"{i:04d}_mask.png"), cv2.IMREAD_UNCHANGED)
                         for i in range(len(images))])
    return np.stack([np.load(os.path.join(dest, f"{i:04d}.npy")) for i in range(len(images))])


# MARK: - Fidelity


def smooth_images(count, side, seed):
    """Face-sized uint8 RGB images of a few random sinusoids: smooth like photos, unlike white noise."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:side, 0:side] / side
    images = np.zeros((count, side, side, 3))
    for _ in range(6):
        fx, fy = rng.uniform(-4, 4, (2, count, 1, 1, 1))
        phase = rng.uniform(0, 2 * np.pi, (count, 1, 1, 3))
        images += rng.uniform(20, 40, (count, 1, 1, 3)) * np.sin(2 * np.pi * (fx * xx[..., None] +
                                                                               fy * yy[..., None]) + phase)
    return np.clip(images + 128, 0, 255).astype(np.uint8)


def preprocess(net, images):
    """The reference preprocessing (ImageNet normalization; arcface_torch (p/255 - 0.5)/0.5) to NCHW float32."""
    pixels = torch.from_numpy(images)
    x = ref.bisenet_input(pixels) if net == "bisenet" else ref.iresnet_input(pixels, mxnet=False)
    return x.numpy()


def compare(net, reference, output, raw=True):
    """Against PyTorch's raw output: (max |diff| of logits or normalized embeddings, agreement). raw=False:
    `output` is Facet's labels (no logits to compare) or normalized embeddings."""
    if net == "bisenet":
        labels = output.argmax(axis=1) if raw else output
        diff = float(np.abs(output - reference).max()) if raw else None
        return diff, float((labels == reference.argmax(axis=1)).mean() * 100)
    # (re)normalized in float64, so that 1 - cosine is not float32 rounding
    unit, ref_unit = (postprocess(net, y.astype(np.float64)) for y in (output, reference))
    return float(np.abs(unit - ref_unit).max()), float((unit * ref_unit).sum(axis=1).min())


def fidelity(args, files, peers, configs, folder):
    print("\nfidelity against PyTorch, one seeded batch per (network, batch), "
          f"{max(c[2] for c in configs)} threads")
    print("BiSeNet: max |logit diff|, labels equal %;  IResNet: max |diff| of L2-normalized embeddings, "
          "1 - lowest cosine")
    print(f"{'network':<14}{'batch':>6}  {'runtime':<12}{'precision':>10}{'max |diff|':>12}{'agreement':>16}")
    threads = max(c[2] for c in configs)
    rows = []
    for net, batch in sorted({(c[0], c[1]) for c in configs}):
        images = smooth_images(batch, size(net), seed=batch)
        x = preprocess(net, images)
        reference = PyTorchPeer(files, net, batch, threads).run(x)
        results = []
        for peer_type in peers:
            if peer_type is PyTorchPeer:
                continue
            peer = peer_type(files, net, batch, threads)
            results.append((peer.label, getattr(peer, "precision", "f32"), compare(net, reference, peer.run(x))))
            peer.close()
        out = facet_outputs(args.facet, net, files.safetensors(net), images, threads,
                            os.path.join(folder, f"fidelity_{net}_b{batch}"))
        results.append(("facet", "f32", compare(net, reference, out, raw=False)))
        for label, precision, (diff, agreement) in results:
            shown = f"{diff:>12.2e}" if diff is not None else f"{'-':>12}"
            agreement_key = "labels_equal_percent" if net == "bisenet" else "min_cosine"
            agreed = f"{agreement:.4f} %" if net == "bisenet" else f"1-cos {1 - agreement:.1e}"
            print(f"{net:<14}{batch:>6}  {label:<12}{precision:>10}{shown}{agreed:>16}")
            rows.append({"network": net, "batch": batch, "runtime": label, "precision": precision,
                         "max_abs_diff": diff, agreement_key: agreement})
    return rows


# MARK: - Timing


def timed(run, warmup, iterations):
    """The median single-pass time."""
    for _ in range(warmup):
        run()
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_peer(peer_type, files, net, batch, threads, warmup, iterations):
    peer = peer_type(files, net, batch, threads)
    x = np.random.default_rng(0).standard_normal((batch, 3, size(net), size(net))).astype(np.float32)
    seconds = timed(lambda: postprocess(net, peer.run(x)), warmup, iterations)
    fp32 = peer.fp32
    peer.close()
    return batch / seconds, fp32


def measure(args, files, peers, net, batch, threads):
    """One table row: every runtime's median images/s over interleaved rounds."""
    weights = files.safetensors(net)
    modes = ["layers", "images"] if batch > 1 and threads > 1 else ["layers"]
    rates = {label: [] for label in ["facet", "facet-img"][:len(modes)] + [p.label for p in peers]}
    fp32, allocations = {}, 0
    for _ in range(args.rounds):  # interleaved, so load from other processes hits every runtime alike
        for label, mode in zip(["facet", "facet-img"], modes):
            rate, allocs = time_facet(args.facet, net, weights, batch, threads, args.warmup, args.iterations, mode)
            rates[label].append(rate)
            allocations = max(allocations, allocs)
        for peer_type in peers:
            rate, fp32[peer_type.label] = time_peer(peer_type, files, net, batch, threads, args.warmup,
                                                    args.iterations)
            rates[peer_type.label].append(rate)
    medians = {label: statistics.median(values) for label, values in rates.items()}
    best_facet = max(medians.get("facet-img", 0.0), medians["facet"])
    fastest = max((label for label in fp32 if fp32[label]), key=medians.get)
    gflops = best_facet * files.gflop(net)
    return {"network": net, "batch": batch, "threads": threads, "images_per_second": medians,
            "fastest_fp32_peer": fastest, "facet_best_over_fastest_fp32": best_facet / medians[fastest],
            "facet_gflops": gflops, "facet_allocations_per_image_after_warmup": allocations}


def print_header(peers):
    columns = ["facet", "facet-img"] + [p.label for p in peers]
    print(f"{'network':<14}{'batch':>6}{'threads':>8}" + "".join(f"{c:>11}" for c in columns) +
          f"{'best/fp32':>10}{'fastest':>11}{'GFLOP/s':>9}{'%peak':>7}{'allocs':>7}   (images/s)")
    return columns


def print_row(row, columns, peak):
    rates = row["images_per_second"]
    cells = "".join(f"{rates[c]:>11.2f}" if c in rates else f"{'-':>11}" for c in columns)
    print(f"{row['network']:<14}{row['batch']:>6}{row['threads']:>8}{cells}"
          f"{row['facet_best_over_fastest_fp32']:>10.2f}{row['fastest_fp32_peer']:>11}{row['facet_gflops']:>9.1f}"
          f"{100 * row['facet_gflops'] / peak:>6.0f}%{row['facet_allocations_per_image_after_warmup']:>7g}",
          flush=True)


def lscpu_model():
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facet", default=os.path.join(ROOT, ".build", "release", "facet"))
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved repetitions; the median is reported")
    parser.add_argument("--quick", action="store_true", help="only IResNet-100 b1 and BiSeNet b1, at 2 threads")
    parser.add_argument("--json-out", metavar="PATH", help="also write the fidelity and timing results as JSON")
    args = parser.parse_args()
    check_executable(args.facet)

    configs = QUICK_CONFIGS if args.quick else CONFIGS
    peers = available_peers()
    versions = {"onnxruntime": ort.__version__, "torch": torch.__version__,
                "openvino": ov.get_version() if ov else None, "ncnn": ncnn.__version__ if ncnn else None}
    cpu, load = lscpu_model(), os.getloadavg()
    print(f"{cpu}; facet {args.facet}; " + ", ".join(f"{k} {v}" for k, v in versions.items() if v))
    print("load average at start: {:.2f} {:.2f} {:.2f} (1, 5, 15 min)".format(*load))
    with tempfile.TemporaryDirectory() as folder:
        files = ModelFiles(folder)
        fidelity_rows = fidelity(args, files, peers, configs, folder)

        peaks = {t: sgemm_peak(args.facet, t) for t in sorted({c[2] for c in configs}, reverse=True)}
        print("\nsgemm 1024^3 peak (facet bench kernels, this run): " +
              ", ".join(f"{p:.1f} GFLOP/s at {t} thread{'s' if t > 1 else ''}" for t, p in peaks.items()))
        print("GFLOP/s: facet's best rate x direct-convolution FLOPs (Winograd does fewer); %peak: of that sgemm; "
              "best/fp32: facet's best over the fastest fp32 runtime (named)")
        columns = print_header(peers)
        rows = []
        for net, batch, threads in configs:
            row = measure(args, files, peers, net, batch, threads)
            row["sgemm_peak_gflops"] = peaks[threads]
            print_row(row, columns, peaks[threads])
            rows.append(row)
            if args.json_out:  # after every row, so an interrupted run keeps what it measured
                result = {"cpu": cpu, "load_average_at_start": load, "facet": args.facet, "versions": versions,
                          "gflop_per_image": {n: files.gflop(n) for n in files.models},
                          "warmup": args.warmup, "iterations": args.iterations, "rounds": args.rounds,
                          "sgemm_peak_gflops": peaks, "fidelity": fidelity_rows, "timing": rows}
                with open(args.json_out, "w") as f:
                    json.dump(result, f, indent=1)

if __name__ == "__main__":
    main()
