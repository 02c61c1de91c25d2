import TensorCore

/// Measures the machine's sgemm peak, then conv2d/linear throughput on every `KernelBenchmarkLayer` and the
/// non-GEMM kernels at the sizes the networks run them (`facet bench kernels`).
///
/// OpenBLAS is single-threaded inside Facet (`BLAS`), so every product here, the peak and the bare "gemm" included,
/// splits its N columns over `threads` single-threaded sgemms, as the convolutions split theirs. Each figure is the
/// median of `repeats` timed runs after one warm-up run.
public struct KernelBenchmark: Sendable {
    public let threads: Int
    public let repeats: Int
    /// Images per conv call (the fc always runs on one).
    public let batch: Int

    public init(threads: Int, repeats: Int, batch: Int) {
        precondition(
            threads >= 1 && repeats >= 1 && batch >= 1,
            "threads \(threads), repeats \(repeats) and batch \(batch) must be at least 1")
        self.threads = threads
        self.repeats = repeats
        self.batch = batch
    }

    /// The whole benchmark: the 1024³ sgemm peak, `layers` and the other kernels. `progress(done, total)` is called
    /// after each layer.
    public func run(
        layers: [KernelBenchmarkLayer] = KernelBenchmarkLayer.all, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) -> KernelBenchmarkReport {
        let peak = sgemmPeak(size: 1024)
        var rows: [KernelBenchmarkRow] = []
        for layer in layers {
            rows.append(measure(layer, peakGFLOPS: peak.gflops))
            progress(rows.count, layers.count)
        }
        return KernelBenchmarkReport(
            openBLAS: BLAS.config, core: BLAS.coreName, threads: threads, repeats: repeats, batch: batch,
            sgemm1024: peak, layers: rows, otherKernels: measureOtherKernels())
    }

    /// A `size`³ sgemm, its columns split over `threads` single-threaded sgemms.
    public func sgemmPeak(size n: Int) -> SgemmResult {
        let a = Self.filled(Shape(n, n)), b = Self.filled(Shape(n, n)), c = Tensor(zeros: Shape(n, n))
        let times = time { splitSgemm(m: n, n: n, k: n, a: a, b: b, c: c) }
        let flop = 2 * Double(n * n * n)
        return SgemmResult(
            size: n, milliseconds: times.median * 1e3, gflops: flop / times.median / 1e9, bestGFLOPS: flop / times.best / 1e9)
    }

    /// `layer` through `Ops.conv2d` (or `Ops.linear`), its bare GEMM and, for 3×3 stride-1 layers, the two Winograd
    /// tiles, with synthetic weights; `peakGFLOPS` is the 100 % of `percentOfPeak`.
    public func measure(_ layer: KernelBenchmarkLayer, peakGFLOPS: Double) -> KernelBenchmarkRow {
        let g = layer.geometry
        let x = Self.filled(Shape(layer.isLinear ? 1 : batch, layer.channels, layer.height, layer.width))
        let w = Self.filled(Shape(layer.outputs, layer.channels, g.kernelH, g.kernelW))
        let (oh, ow) = g.outputSize(height: layer.height, width: layer.width)
        let (m, k, n) = (layer.outputs, layer.channels * g.kernelH * g.kernelW, oh * ow * x.shape[0])
        let flop = 2 * Double(m) * Double(k) * Double(n)

        let times: RunTimes
        var winograd: [Double] = []
        if layer.isLinear {
            let y = Tensor(zeros: Shape(1, m))
            times = time { Ops.linear(x, weight: w.reshaped(Shape(m, k)), bias: nil, into: y) }
        } else {
            let y = Tensor(zeros: Shape(batch, m, oh, ow))
            let workspace = Workspace()
            times = time {
                workspace.reset()
                Ops.conv2d(x, weight: w, bias: nil, geometry: g, into: y, workspace: workspace, workers: threads)
            }
            if g == ConvGeometry(kernel: 3, padding: 1) {
                for tile in [WinogradTile.f2, .f4] {
                    let filters = WinogradFilters(weight: w, tile: tile)
                    winograd.append(1e3 * time {
                        workspace.reset()
                        Ops.conv2dWinograd(
                            x, filters: filters, bias: nil, padding: 1, into: y, workspace: workspace, workers: threads)
                    }.median)
                }
            }
        }
        // The bare GEMM of the same size: y[M, N] = w[M, K] · cols[K, N] (cols contents do not matter here).
        let cols = Self.filled(Shape(k, n)), c = Tensor(zeros: Shape(m, n))
        let gemmTimes = time { splitSgemm(m: m, n: n, k: k, a: w, b: cols, c: c) }
        let gflops = flop / times.median / 1e9
        return KernelBenchmarkRow(
            network: layer.network, layer: layer.name,
            shape: layer.isLinear
                ? "\(k) → \(m)"
                : "\(layer.channels)→\(m) \(layer.height)×\(layer.width) k\(g.kernelH) s\(g.strideH) p\(g.padH)",
            gemmMNK: [m, n, k], gflop: flop / 1e9, milliseconds: times.median * 1e3, gflops: gflops,
            percentOfPeak: 100 * gflops / peakGFLOPS, bestGFLOPS: flop / times.best / 1e9,
            gemmGFLOPS: flop / gemmTimes.median / 1e9, winogradF2Milliseconds: winograd.first,
            winogradF4Milliseconds: winograd.last)
    }

    /// The non-GEMM kernels at the sizes the two networks run them, in ms and memory traffic (input + output).
    public func measureOtherKernels() -> [OtherKernelRow] {
        var rows: [OtherKernelRow] = []
        func measure(_ network: String, _ kernel: String, _ input: Shape, _ output: Shape, _ body: (Tensor, Tensor) -> Void) {
            let x = Self.filled(input), y = Tensor(zeros: output)
            let times = time { body(x, y) }
            let bytes = Double(4 * (input.count + output.count))
            rows.append(OtherKernelRow(
                network: network, kernel: kernel, shape: "\(input) → \(output)", milliseconds: times.median * 1e3,
                bestMilliseconds: times.best * 1e3, gigabytesPerSecond: bytes / times.median / 1e9))
        }
        let slope = Self.filled(Shape(64)), shift = Self.filled(Shape(64))
        measure("BiSeNet", "relu (after conv1)", Shape(1, 64, 256, 256), Shape(1, 64, 256, 256)) {
            Ops.relu($0, into: $1, workers: threads)
        }
        measure("BiSeNet", "maxPool2d 3×3 s2 p1", Shape(1, 64, 256, 256), Shape(1, 64, 128, 128)) {
            Ops.maxPool2d($0, kernel: 3, stride: 2, padding: 1, into: $1, workers: threads)
        }
        measure("BiSeNet", "upsampleNearest ×2", Shape(1, 128, 32, 32), Shape(1, 128, 64, 64)) {
            Ops.upsampleNearest($0, into: $1)
        }
        measure("BiSeNet", "upsampleBilinear (align corners)", Shape(1, 19, 64, 64), Shape(1, 19, 512, 512)) {
            Ops.upsampleBilinear($0, alignCorners: true, into: $1, workers: threads)
        }
        let labels = UnsafeMutablePointer<UInt8>.allocate(capacity: 512 * 512)
        defer { labels.deallocate() }
        // The output tensor only sizes the traffic: 1×1×128×512 floats are the 512² label bytes.
        measure("BiSeNet", "argmaxChannels", Shape(1, 19, 512, 512), Shape(1, 1, 128, 512)) { logits, _ in
            Ops.argmaxChannels(logits, into: labels, workers: threads)
        }
        measure("IResNet", "channelAffine (block bn1)", Shape(1, 64, 112, 112), Shape(1, 64, 112, 112)) {
            Ops.channelAffine($0, scale: slope, shift: shift, into: $1, workers: threads)
        }
        measure("IResNet", "prelu", Shape(1, 64, 112, 112), Shape(1, 64, 112, 112)) {
            Ops.prelu($0, slope: slope, into: $1, workers: threads)
        }
        measure("IResNet", "add (residual)", Shape(1, 64, 56, 56), Shape(1, 64, 56, 56)) {
            Ops.add($0, $0, into: $1, workers: threads)
        }
        return rows
    }

    /// One warm-up run of `body`, then `repeats` timed ones.
    private func time(_ body: () -> Void) -> RunTimes {
        body()
        return RunTimes(runs: repeats, body)
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

    /// A tensor of small, varied, non-denormal values (the numbers do not matter, only that they are ordinary).
    private static func filled(_ shape: Shape) -> Tensor {
        let t = Tensor(zeros: shape)
        for i in 0..<t.count { t.pointer[i] = Float((i &* 2_654_435_761) % 2001) / 1000 - 1 }
        return t
    }
}
