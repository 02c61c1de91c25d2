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
    @Flag(help: "Print one JSON object on stdout (with --profile, the tables then go to stderr).") var json = false
    @Flag(help: ArgumentHelp(
        "After the timed passes, time every layer over --iterations more passes and print a per-layer table.",
        discussion: """
            Each layer is named after the checkpoint key tree (layer3.12.conv1, cp.resnet.layer2.0.downsample.0; \
            BatchNorms folded into a conv are listed with it), with the kernel that ran it, its output shape, its \
            median ms per pass, its share of the total and, for convs and the fc, GFLOP/s (2 FLOPs per \
            multiply-add of the direct convolution, whatever the kernel). Then the time by kind and the 15 slowest \
            layers. With --parallel images, the times are those of the first worker, for its share of the batch. \
            With --json, the layers and kinds are the "profile" object's arrays.
            """))
    var profile = false

    func validate() throws {
        try LibraryCheck.run {
            try ThreadSplit.checkBatch(batch, "--batch")
            try ThreadSplit.checkThreads(threads, "--threads")
            try BenchmarkRuns.check(warmup, "--warmup")
            try BenchmarkRuns.check(iterations, "--iterations")
        }
    }

    var benchmark: ModelBenchmark {
        ModelBenchmark(
            batch: batch, threads: threads, parallel: parallel, warmup: warmup, iterations: iterations, profile: profile)
    }

    /// Writes `report` to stdout: one JSON object (snake_case keys), or one readable line; then the profile's
    /// tables, if any (to stderr with --json).
    func emit(_ report: ModelBenchmark.Report) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
            if let profile = report.profile { Console.write("\n" + profile.table) }
        } else {
            FileHandle.standardOutput.write(Data(report.summaryLine.utf8))
            if let profile = report.profile { FileHandle.standardOutput.write(Data(("\n" + profile.table).utf8)) }
        }
    }
}

extension ModelBenchmark.Parallelism: ExpressibleByArgument {}
