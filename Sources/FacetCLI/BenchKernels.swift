import ArgumentParser
import Foundation
import TensorCore

/// `facet bench kernels`: the machine's sgemm peak, then conv2d/linear throughput on the real layer shapes of
/// BiSeNet (512×512 input) and IResNet (112×112 input), each as a share of that peak.
struct BenchKernels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "Measure sgemm peak and conv2d/linear GFLOP/s on the BiSeNet and IResNet layer shapes.",
        discussion: """
            First times cblas_sgemm at M = N = K = 1024 (the BLAS peak on this machine, its columns split over \
            --threads single-threaded calls as the convolutions split theirs), then Ops.conv2d and Ops.linear \
            (one single-threaded sgemv) on each real layer shape with synthetic weights, at --batch images. Each figure is the median of \
            --repeat timed runs after one warm-up run; "best" is the fastest run (on a shared machine the least \
            disturbed one). "gemm" is a bare sgemm of the conv's own M×K·K×N, so \
            conv vs gemm shows what im2col and the bias cost. FLOPs count 2 per multiply-add. The 3×3 stride-1 \
            layers are also run through Ops.conv2dWinograd with F(2×2) and F(4×4) tiles ("F2 ms", "F4 ms"); \
            their GFLOP/s would count the direct convolution's FLOPs. A second table \
            times the pooling, resize, argmax and elementwise kernels at the sizes the networks use.
            The table goes to stdout, or to stderr when --json puts the JSON on stdout.
            """)

    @Flag(help: "Write the results as JSON to stdout (the table then goes to stderr).")
    var json = false

    @Option(help: "Threads the kernels and the bare sgemms split their work over (OpenBLAS itself runs single-threaded). Default: one per core.")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("repeat"), help: "Timed runs per shape; the median is reported.")
    var repeats = 5

    @Option(help: "Images per conv call.")
    var batch = 1

    func validate() throws {
        if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if repeats < 1 { throw ValidationError("--repeat must be at least 1, got \(repeats)") }
        if batch < 1 { throw ValidationError("--batch must be at least 1, got \(batch)") }
    }

    func run() throws {
        let peak = measureSgemm(size: 1024)
        var rows: [KernelBenchmarkRow] = []
        for layer in KernelBenchmarkLayer.all {
            rows.append(measure(layer, peakGFLOPS: peak.gflops))
            if Console.isTerminal { Console.write("\r\(rows.count)/\(KernelBenchmarkLayer.all.count) shapes") }
        }
        if Console.isTerminal { Console.write("\r\u{1B}[K") }
        let others = measureOtherKernels()

        let report = KernelBenchmarkReport(
            openBLAS: BLAS.config, core: BLAS.coreName, threads: threads, repeats: repeats, batch: batch, sgemm1024: peak,
            layers: rows, otherKernels: others)
        let table = report.table
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
            Console.write(table)
        } else {
            print(table, terminator: "")
        }
    }

    // MARK: - Measuring

    /// Median and best wall time in seconds of `repeats` runs of `body`, after one warm-up run.
    private func seconds(_ body: () -> Void) -> (median: Double, best: Double) {
        body()
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<repeats {
            let elapsed = clock.measure(body)
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        return (median, times[0])
    }

    private func measureSgemm(size n: Int) -> SgemmResult {
        let a = filled(Shape(n, n)), b = filled(Shape(n, n)), c = Tensor(zeros: Shape(n, n))
        let time = seconds { splitSgemm(m: n, n: n, k: n, a: a, b: b, c: c) }
        let flop = 2 * Double(n * n * n)
        return SgemmResult(size: n, milliseconds: time.median * 1e3, gflops: flop / time.median / 1e9,
                           bestGFLOPS: flop / time.best / 1e9)
    }

    private func measure(_ layer: KernelBenchmarkLayer, peakGFLOPS: Double) -> KernelBenchmarkRow {
        let g = layer.geometry
        let x = filled(Shape(layer.isLinear ? 1 : batch, layer.channels, layer.height, layer.width))
        let w = filled(Shape(layer.outputs, layer.channels, g.kernelH, g.kernelW))
        let (oh, ow) = g.outputSize(height: layer.height, width: layer.width)
        let (m, k, n) = (layer.outputs, layer.channels * g.kernelH * g.kernelW, oh * ow * x.shape[0])
        let flop = 2 * Double(m) * Double(k) * Double(n)

        let time: (median: Double, best: Double)
        var winograd: [Double] = []
        if layer.isLinear {
            let y = Tensor(zeros: Shape(1, m))
            time = seconds { Ops.linear(x, weight: w.reshaped(Shape(m, k)), bias: nil, into: y) }
        } else {
            let y = Tensor(zeros: Shape(batch, m, oh, ow))
            let workspace = Workspace()
            time = seconds {
                workspace.reset()
                Ops.conv2d(x, weight: w, bias: nil, geometry: g, into: y, workspace: workspace, workers: threads)
            }
            if g == ConvGeometry(kernel: 3, padding: 1) {
                for tile in [WinogradTile.f2, .f4] {
                    let filters = WinogradFilters(weight: w, tile: tile)
                    winograd.append(1e3 * seconds {
                        workspace.reset()
                        Ops.conv2dWinograd(
                            x, filters: filters, bias: nil, padding: 1, into: y, workspace: workspace, workers: threads)
                    }.median)
                }
            }
        }
        // The bare GEMM of the same size: y[M, N] = w[M, K] · cols[K, N] (cols contents do not matter here).
        let cols = filled(Shape(k, n)), c = Tensor(zeros: Shape(m, n))
        let gemmTime = seconds { splitSgemm(m: m, n: n, k: k, a: w, b: cols, c: c) }
        let gflops = flop / time.median / 1e9
        return KernelBenchmarkRow(
            network: layer.network, layer: layer.name,
            shape: layer.isLinear ? "\(k) → \(m)" : "\(layer.channels)→\(m) \(layer.height)×\(layer.width) k\(g.kernelH) s\(g.strideH) p\(g.padH)",
            gemmMNK: [m, n, k], gflop: flop / 1e9, milliseconds: time.median * 1e3, gflops: gflops,
            percentOfPeak: 100 * gflops / peakGFLOPS, bestGFLOPS: flop / time.best / 1e9,
            gemmGFLOPS: flop / gemmTime.median / 1e9, winogradF2Milliseconds: winograd.first,
            winogradF4Milliseconds: winograd.last)
    }

    /// c[M, N] = a[M, K] · b[K, N] with the N columns split over `threads` single-threaded sgemms, as the
    /// convolutions split theirs.
    private func splitSgemm(m: Int, n: Int, k: Int, a: Tensor, b: Tensor, c: Tensor) {
        let (a, b, c, threads) = (SendablePointer(a.pointer), SendablePointer(b.pointer), SendablePointer(c.pointer), threads)
        parallelFor(threads, workers: threads) { share in
            let columns = n * share / threads..<n * (share + 1) / threads
            guard !columns.isEmpty else { return }
            BLAS.sgemm(
                m: m, n: columns.count, k: k, a: a.base, lda: k, b: b.base + columns.lowerBound, ldb: n,
                c: c.base + columns.lowerBound, ldc: n)
        }
    }

    /// The non-GEMM kernels at the sizes the two networks run them, in ms and memory traffic (input + output).
    private func measureOtherKernels() -> [OtherKernelRow] {
        var rows: [OtherKernelRow] = []
        func time(_ network: String, _ kernel: String, _ input: Shape, _ output: Shape, _ body: (Tensor, Tensor) -> Void) {
            let x = filled(input), y = Tensor(zeros: output)
            let time = seconds { body(x, y) }
            let bytes = Double(4 * (input.count + output.count))
            rows.append(OtherKernelRow(network: network, kernel: kernel, shape: "\(input) → \(output)",
                                       milliseconds: time.median * 1e3, bestMilliseconds: time.best * 1e3,
                                       gigabytesPerSecond: bytes / time.median / 1e9))
        }
        let slope = filled(Shape(64)), shift = filled(Shape(64))
        time("BiSeNet", "relu (after conv1)", Shape(1, 64, 256, 256), Shape(1, 64, 256, 256)) { Ops.relu($0, into: $1) }
        time("BiSeNet", "maxPool2d 3×3 s2 p1", Shape(1, 64, 256, 256), Shape(1, 64, 128, 128)) {
            Ops.maxPool2d($0, kernel: 3, stride: 2, padding: 1, into: $1, workers: threads)
        }
        time("BiSeNet", "upsampleNearest ×2", Shape(1, 128, 32, 32), Shape(1, 128, 64, 64)) { Ops.upsampleNearest($0, into: $1) }
        time("BiSeNet", "upsampleBilinear (align corners)", Shape(1, 19, 64, 64), Shape(1, 19, 512, 512)) {
            Ops.upsampleBilinear($0, alignCorners: true, into: $1, workers: threads)
        }
        let labels = UnsafeMutablePointer<UInt8>.allocate(capacity: 512 * 512)
        defer { labels.deallocate() }
        time("BiSeNet", "argmaxChannels", Shape(1, 19, 512, 512), Shape(1, 1, 128, 512)) {  // output: 512² bytes
            Ops.argmaxChannels($0, into: labels, workers: threads)
            _ = $1
        }
        time("IResNet", "channelAffine (block bn1)", Shape(1, 64, 112, 112), Shape(1, 64, 112, 112)) {
            Ops.channelAffine($0, scale: slope, shift: shift, into: $1)
        }
        time("IResNet", "prelu", Shape(1, 64, 112, 112), Shape(1, 64, 112, 112)) { Ops.prelu($0, slope: slope, into: $1) }
        time("IResNet", "add (residual)", Shape(1, 64, 56, 56), Shape(1, 64, 56, 56)) { Ops.add($0, $0, into: $1) }
        return rows
    }

    /// A tensor of small, varied, non-denormal values (the numbers do not matter, only that they are ordinary).
    private func filled(_ shape: Shape) -> Tensor {
        let t = Tensor(zeros: shape)
        for i in 0..<t.count { t.pointer[i] = Float((i &* 2_654_435_761) % 2001) / 1000 - 1 }
        return t
    }
}

/// One benchmarked layer shape (batch 1). `isLinear` marks the fc, run through `Ops.linear`.
struct KernelBenchmarkLayer {
    var network, name: String
    var channels, height, width, outputs: Int
    var geometry: ConvGeometry
    var isLinear = false

    static func conv(_ network: String, _ name: String, _ c: Int, _ size: Int, _ m: Int, k: Int, s: Int = 1) -> Self {
        KernelBenchmarkLayer(network: network, name: name, channels: c, height: size, width: size, outputs: m,
                             geometry: ConvGeometry(kernel: k, stride: s, padding: k / 2))
    }

    /// The distinct conv shapes of BiSeNet at 512×512 and IResNet at 112×112 (`FacetPipeline.docc/Architectures.md`).
    static let all: [KernelBenchmarkLayer] = [
        conv("BiSeNet", "resnet.conv1", 3, 512, 64, k: 7, s: 2),
        conv("BiSeNet", "layer1 3×3", 64, 128, 64, k: 3),
        conv("BiSeNet", "layer2.0.conv1 (s2)", 64, 128, 128, k: 3, s: 2),
        conv("BiSeNet", "layer2 3×3", 128, 64, 128, k: 3),
        conv("BiSeNet", "layer3 3×3", 256, 32, 256, k: 3),
        conv("BiSeNet", "layer4 3×3", 512, 16, 512, k: 3),
        conv("BiSeNet", "layer2.0.downsample (1×1 s2)", 64, 128, 128, k: 1, s: 2),
        conv("BiSeNet", "ffm.convblk (1×1)", 256, 64, 256, k: 1),
        conv("BiSeNet", "conv_out.conv (3×3)", 256, 64, 256, k: 3),
        conv("IResNet", "conv1", 3, 112, 64, k: 3),
        conv("IResNet", "3×3 @112", 64, 112, 64, k: 3),
        conv("IResNet", "3×3 @56", 64, 56, 64, k: 3),
        conv("IResNet", "3×3 @28", 128, 28, 128, k: 3),
        conv("IResNet", "3×3 @14", 256, 14, 256, k: 3),
        conv("IResNet", "3×3 @7", 512, 7, 512, k: 3),
        conv("IResNet", "layer1.0.conv2 (s2)", 64, 112, 64, k: 3, s: 2),
        conv("IResNet", "layer2.0.conv2 (s2)", 128, 56, 128, k: 3, s: 2),
        conv("IResNet", "layer3.0.conv2 (s2)", 256, 28, 256, k: 3, s: 2),
        conv("IResNet", "layer4.0.conv2 (s2)", 512, 14, 512, k: 3, s: 2),
        conv("IResNet", "layer1.0.downsample (1×1 s2)", 64, 112, 64, k: 1, s: 2),
        conv("IResNet", "layer2.0.downsample (1×1 s2)", 64, 56, 128, k: 1, s: 2),
        conv("IResNet", "layer3.0.downsample (1×1 s2)", 128, 28, 256, k: 1, s: 2),
        conv("IResNet", "layer4.0.downsample (1×1 s2)", 256, 14, 512, k: 1, s: 2),
        KernelBenchmarkLayer(network: "IResNet", name: "fc (linear)", channels: 512, height: 7, width: 7, outputs: 512,
                             geometry: ConvGeometry(kernel: 7), isLinear: true),
    ]
}

struct SgemmResult: Codable {
    var size: Int
    var milliseconds, gflops, bestGFLOPS: Double
}

struct KernelBenchmarkRow: Codable {
    var network, layer, shape: String
    var gemmMNK: [Int]
    var gflop, milliseconds, gflops, percentOfPeak, bestGFLOPS, gemmGFLOPS: Double
    var winogradF2Milliseconds, winogradF4Milliseconds: Double?
}

struct OtherKernelRow: Codable {
    var network, kernel, shape: String
    var milliseconds, bestMilliseconds, gigabytesPerSecond: Double
}

struct KernelBenchmarkReport: Codable {
    var openBLAS, core: String
    var threads, repeats, batch: Int
    var sgemm1024: SgemmResult
    var layers: [KernelBenchmarkRow]
    var otherKernels: [OtherKernelRow]

    /// A fixed-width text table.
    var table: String {
        func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
        func num(_ v: Double, _ digits: Int, _ width: Int) -> String {
            let s = String(format: "%.\(digits)f", v)
            return String(repeating: " ", count: max(0, width - s.count)) + s
        }
        var out = "OpenBLAS \(core), \(threads) thread(s), batch \(batch), median of \(repeats)\n"
        out += "sgemm 1024³: \(num(sgemm1024.gflops, 1, 0)) GFLOP/s (\(num(sgemm1024.milliseconds, 2, 0)) ms) = 100 %"
            + "; best run \(num(sgemm1024.bestGFLOPS, 1, 0)) GFLOP/s\n\n"
        out += pad("network", 8) + pad("layer", 30) + pad("shape", 27)
            + "   GFLOP      ms  GFLOP/s  % peak  best GFLOP/s  gemm GFLOP/s   F2 ms   F4 ms\n"
        for r in layers {
            out += pad(r.network, 8) + pad(r.layer, 30) + pad(r.shape, 27) + num(r.gflop, 3, 8) + num(r.milliseconds, 2, 8)
                + num(r.gflops, 1, 9) + num(r.percentOfPeak, 1, 8) + num(r.bestGFLOPS, 1, 14) + num(r.gemmGFLOPS, 1, 14)
                + (r.winogradF2Milliseconds.map { num($0, 2, 8) } ?? "") + (r.winogradF4Milliseconds.map { num($0, 2, 8) } ?? "")
                + "\n"
        }
        out += "\n" + pad("network", 8) + pad("kernel", 34) + pad("shape", 43) + "      ms  best ms    GB/s\n"
        for r in otherKernels {
            out += pad(r.network, 8) + pad(r.kernel, 34) + pad(r.shape, 43) + num(r.milliseconds, 3, 8)
                + num(r.bestMilliseconds, 3, 9) + num(r.gigabytesPerSecond, 1, 8) + "\n"
        }
        return out
    }
}
