import ArgumentParser

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
        guard batch > 0, threads > 0, warmup > 0, iterations > 0 else {
            throw ValidationError("--batch, --threads, --warmup and --iterations must be positive")
        }
    }

    func benchmark(model: String, weights: String?) -> ModelBenchmark {
        ModelBenchmark(
            model: model, weights: weights ?? "synthetic", batch: batch, threads: threads, parallel: parallel,
            warmup: warmup, iterations: iterations)
    }
}
