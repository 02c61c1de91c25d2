import ArgumentParser
import FacetBenchmarks
import Foundation
import TensorCore

/// The options `facet bench bisenet` and `facet bench iresnet` share.
struct ModelBenchOptions: ParsableArguments {
    @Option(help: "Images per forward pass.") var batch = 1
    @Option(help: "Threads: split inside each layer (--parallel layers) or image workers (--parallel images).")
    var threads = 1
    @Option(help: "Where the threads go: layers (each conv's GEMMs split over them) or images (workers over the batch).")
    var parallel = ModelBenchmark.Parallelism.layers
    @Option(help: "Untimed passes first.") var warmup = 1
    @Option(help: "Timed passes.") var iterations = 5
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        try LibraryCheck.run {
            try ThreadSplit.checkBatch(batch, "--batch")
            try ThreadSplit.checkThreads(threads, "--threads")
            try BenchmarkRuns.check(warmup, "--warmup")
            try BenchmarkRuns.check(iterations, "--iterations")
        }
    }

    var benchmark: ModelBenchmark {
        ModelBenchmark(batch: batch, threads: threads, parallel: parallel, warmup: warmup, iterations: iterations)
    }

    /// Writes `report` to stdout: one JSON object (snake_case keys), or one readable line.
    func emit(_ report: ModelBenchmark.Report) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(report.summaryLine.utf8))
        }
    }
}

extension ModelBenchmark.Parallelism: ExpressibleByArgument {}
