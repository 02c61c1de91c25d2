import ArgumentParser
import FacetBenchmarks
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
        try LibraryCheck.run {
            try ThreadSplit.checkThreads(threads, "--threads")
            try BenchmarkRuns.check(repeats, "--repeat")
            try ThreadSplit.checkBatch(batch, "--batch")
        }
    }

    func run() throws {
        let showsProgress = Console.isTerminal
        let report = KernelBenchmark(threads: threads, repeats: repeats, batch: batch).run { done, total in
            if showsProgress { Console.write("\r\(done)/\(total) shapes") }
        }
        if showsProgress { Console.write("\r\u{1B}[K") }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
            Console.write(report.table)
        } else {
            print(report.table, terminator: "")
        }
    }
}
