import ArgumentParser

/// `facet bench`: throughput measurements on this machine.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure kernel and model throughput on this machine.",
        subcommands: [BenchKernels.self, BenchBisenet.self, BenchIResNet.self])
}
