"""Facet vs ONNX Runtime vs PyTorch on the same machine, in one run: images/s per (network, batch, threads).

Each runtime is timed in --rounds interleaved rounds of --iterations passes after --warmup passes; the table shows
images/s from the median pass of each round, and the median over rounds. All three run the real architectures with the same seeded synthetic weights (Tools/facet_fixtures/
synthetic_weights.py): the PyTorch modules (Tools/model_reference.py) are exported to ONNX, and their state_dict is
written to safetensors for `facet bench --weights`.
Timed work per pass: BiSeNet 512x512 logits + argmax labels; IResNet r100 112x112 embeddings + L2 normalization.

Usage: python3 Benchmarks/compare_runtimes.py [--facet .build/release/facet] [--iterations 3] [--quick]
Needs torch, onnx, onnxruntime, safetensors, numpy. Build facet first: swift build -c release.
"""
import argparse
import gc
import statistics
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnxruntime as ort
import torch
from safetensors.torch import save_file

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "Tools"))
from facet_fixtures import synthetic_weights  # noqa: E402
import model_reference as ref  # noqa: E402


def build(net):
    model = ref.BiSeNet() if net == "bisenet" else ref.IResNet(ref.IRESNET_BLOCKS["r100"])
    model.load_state_dict(synthetic_weights.state_dict(model), strict=False)
    return model.eval()


def size(net):
    return 512 if net == "bisenet" else 112


def postprocess_torch(net, y):
    return y.argmax(dim=1) if net == "bisenet" else torch.nn.functional.normalize(y, dim=1)


def postprocess_numpy(net, y):
    return y.argmax(axis=1) if net == "bisenet" else y / np.linalg.norm(y, axis=1, keepdims=True)


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


def export_onnx(net, model, batch, path):
    """Static shapes: BiSeNet's pooling kernels and resize sizes come from feature-map sizes."""
    x = torch.zeros(batch, 3, size(net), size(net))
    torch.onnx.export(model, (x,), path, input_names=["input"], output_names=["output"], opset_version=17,
                      dynamo=False)


def time_pytorch(net, model, batch, threads, warmup, iterations):
    torch.set_num_threads(threads)
    x = torch.randn(batch, 3, size(net), size(net))

    def run():
        with torch.inference_mode():
            postprocess_torch(net, model(x))
    return batch / timed(run, warmup, iterations)


def time_onnxruntime(net, path, batch, threads, warmup, iterations):
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
    x = np.random.default_rng(0).standard_normal((batch, 3, size(net), size(net))).astype(np.float32)
    seconds = timed(lambda: postprocess_numpy(net, session.run(None, {"input": x})[0]), warmup, iterations)
    # ORT's pool threads keep spinning after a run until the session is freed; left alive, they take a core
    # from whichever runtime is timed next.
    del session
    gc.collect()
    return batch / seconds


def time_facet(facet, net, weights, batch, threads, warmup, iterations, parallel="layers"):
    command = [facet, "bench", net, "--weights", weights, "--batch", str(batch), "--threads", str(threads),
               "--warmup", str(warmup), "--iterations", str(iterations), "--parallel", parallel, "--json"]
    report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return batch / (report["milliseconds_per_batch"] / 1000), report["allocations_per_image_after_warmup"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facet", default=os.path.join(ROOT, ".build", "release", "facet"))
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved repetitions; the median is reported")
    parser.add_argument("--quick", action="store_true", help="only BiSeNet b1 and IResNet b8 at 2 threads")
    args = parser.parse_args()

    configs = [("bisenet", 1, 1), ("bisenet", 1, 2), ("bisenet", 4, 1), ("bisenet", 4, 2),
               ("iresnet", 1, 1), ("iresnet", 1, 2), ("iresnet", 8, 1), ("iresnet", 8, 2)]
    if args.quick:
        configs = [("bisenet", 1, 2), ("iresnet", 8, 2)]
    print(f"onnxruntime {ort.__version__}, torch {torch.__version__}, facet {args.facet}")
    print("facet: threads split each layer; facet-img: threads as image workers (OpenBLAS single-threaded in both)")
    print(f"{'network':<14}{'batch':>6}{'threads':>8}{'facet':>10}{'facet-img':>10}{'ORT':>10}{'PyTorch':>10}"
          f"{'best/ORT':>10}{'allocs/img':>11}   (images/s)")
    with tempfile.TemporaryDirectory() as tmp:
        models = {net: build(net) for net in sorted({c[0] for c in configs})}
        weights = {}
        for net, model in models.items():
            weights[net] = os.path.join(tmp, f"{net}.safetensors")
            save_file({k: v for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")},
                      weights[net])
        for net, batch, threads in configs:
            path = os.path.join(tmp, f"{net}_b{batch}.onnx")
            if not os.path.exists(path):
                export_onnx(net, models[net], batch, path)
            facet, facet_images, onnx, pytorch, allocs = [], [], [], [], 0
            by_images = batch > 1 and threads > 1
            for _ in range(args.rounds):  # interleaved, so load from other processes hits all three alike
                f, allocs = time_facet(args.facet, net, weights[net], batch, threads, args.warmup,
                                       args.iterations)
                facet.append(f)
                if by_images:
                    f, a = time_facet(args.facet, net, weights[net], batch, threads, args.warmup, args.iterations,
                                      "images")
                    facet_images.append(f)
                    allocs = max(allocs, a)
                onnx.append(time_onnxruntime(net, path, batch, threads, args.warmup, args.iterations))
                pytorch.append(time_pytorch(net, models[net], batch, threads, args.warmup, args.iterations))
            facet, onnx, pytorch = (statistics.median(v) for v in (facet, onnx, pytorch))
            facet_images = statistics.median(facet_images) if facet_images else 0.0
            name = net if net == "bisenet" else "iresnet-r100"
            images = f"{facet_images:>10.2f}" if by_images else f"{'-':>10}"
            best = max(facet, facet_images)
            print(f"{name:<14}{batch:>6}{threads:>8}{facet:>10.2f}{images}{onnx:>10.2f}{pytorch:>10.2f}"
                  f"{best / onnx:>10.2f}{allocs:>11g}", flush=True)


if __name__ == "__main__":
    main()
