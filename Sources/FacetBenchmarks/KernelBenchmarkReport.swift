import Foundation

/// Everything `KernelBenchmark.run` measured; encoded as is, this is `facet bench kernels --json`'s object.
public struct KernelBenchmarkReport: Codable, Sendable {
    /// OpenBLAS's build configuration (`BLAS.config`).
    public let openBLAS: String
    /// The kernel core OpenBLAS picked (`BLAS.coreName`).
    public let core: String
    public let threads: Int
    public let repeats: Int
    public let batch: Int
    public let sgemm1024: SgemmResult
    public let layers: [KernelBenchmarkRow]
    public let otherKernels: [OtherKernelRow]

    /// The report as fixed-width text tables: the peak, the layers, then the other kernels.
    public var table: String {
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
