import FaceModels
import FacetBenchmarks
import Foundation
import TensorCore
import Testing

/// The timing loop on a tiny stand-in forward pass: what it reports, and which items each worker gets.
@Suite struct ModelBenchmarkTests {
    /// The item ranges the forward closure was called with, collected across workers.
    final class CalledRanges: @unchecked Sendable {
        private let lock = NSLock()
        private var ranges: [Range<Int>] = []
        func append(_ items: Range<Int>) { lock.withLock { ranges.append(items) } }
        var all: [Range<Int>] { lock.withLock { ranges } }
    }

    /// A forward pass that takes one activation per item from its workspace, as a network would.
    static func run(_ benchmark: ModelBenchmark, recording called: CalledRanges) -> ModelBenchmark.Report {
        benchmark.run(model: "tiny", weights: "none") { workspace, items in
            workspace.beginPass()
            let activation = workspace.tensor(Shape(items.count, 64))
            for i in 0..<activation.count { activation.pointer[i] = Float(i) }
            called.append(items)
        }
    }

    @Test func reportsTheRequestedRunWithPositiveTimes() {
        let benchmark = ModelBenchmark(batch: 3, threads: 2, parallel: .layers, warmup: 2, iterations: 4)
        let called = CalledRanges()
        let report = Self.run(benchmark, recording: called)
        #expect(report.model == "tiny" && report.weights == "none")
        #expect(report.batch == 3 && report.threads == 2 && report.parallel == "layers" && report.iterations == 4)
        #expect(report.millisecondsPerBatch > 0 && report.bestMillisecondsPerBatch > 0)
        #expect(report.bestMillisecondsPerBatch <= report.millisecondsPerBatch)
        #expect(abs(report.imagesPerSecond - 3000 / report.millisecondsPerBatch) < 1e-9 * report.imagesPerSecond)
        #expect(report.allocationsDuringWarmup > 0 && report.allocationsPerImageAfterWarmup == 0)
        #expect(report.workspaceMegabytes > 0)
        // .layers: one worker runs the whole batch, warm-up passes included.
        #expect(called.all == Array(repeating: 0..<3, count: 6))
    }

    @Test func imageWorkersShareOutTheBatch() {
        let benchmark = ModelBenchmark(batch: 5, threads: 2, parallel: .images, warmup: 1, iterations: 1)
        #expect(benchmark.split == ThreadSplit(workers: 2, kernelThreads: 1))
        let called = CalledRanges()
        let report = Self.run(benchmark, recording: called)
        #expect(report.parallel == "images" && report.allocationsPerImageAfterWarmup == 0)
        #expect(called.all.sorted { $0.lowerBound < $1.lowerBound } == [0..<2, 0..<2, 2..<5, 2..<5])
    }

    @Test func moreThreadsThanImagesGetOneWorkerPerImage() {
        let benchmark = ModelBenchmark(batch: 2, threads: 4, parallel: .images, warmup: 1, iterations: 1)
        #expect(benchmark.split == ThreadSplit(workers: 2, kernelThreads: 1))
        #expect(ModelBenchmark(batch: 2, threads: 4, parallel: .layers, warmup: 1, iterations: 1).split
            == ThreadSplit(workers: 1, kernelThreads: 4))
    }

    @Test func syntheticWeightsAreDeterministicAndBounded() {
        let shape = [64, 3, 3, 3]
        let values = SyntheticBenchmarkWeights.values(key: "conv1.weight", shape: shape)
        #expect(values.count == shape.reduce(1, *))
        #expect(values == SyntheticBenchmarkWeights.values(key: "conv1.weight", shape: shape))
        // uniform(±2^e) with std ≈ 1/√fan_in: fan_in 27 gives e = -2.
        #expect(values.allSatisfy { abs($0) <= 0.25 } && Set(values).count > values.count / 2)
        let variances = SyntheticBenchmarkWeights.values(key: "bn1.running_var", shape: [64])
        #expect(variances.allSatisfy { $0 >= 0.5 })
    }
}
