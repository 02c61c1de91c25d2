import Foundation

extension ModelBenchmark {
    /// What one model benchmark measured. Encoded with snake_case keys, this is `facet bench … --json`'s object.
    public struct Report: Encodable, Sendable {
        /// The network, e.g. "bisenet" or "iresnet-r100".
        public let model: String
        public let batch: Int
        public let threads: Int
        /// `Parallelism`'s raw value.
        public let parallel: String
        public let iterations: Int
        /// The batch size over the median pass time.
        public let imagesPerSecond: Double
        /// The median pass time.
        public let millisecondsPerBatch: Double
        /// The fastest pass time.
        public let bestMillisecondsPerBatch: Double
        /// Buffer allocations of all workspaces during the warm-up passes.
        public let allocationsDuringWarmup: Int
        /// Buffer allocations per image during the timed passes: 0 when the workspaces are reused as they should be.
        public let allocationsPerImageAfterWarmup: Double
        /// Memory held by all workspaces after the passes.
        public let workspaceMegabytes: Double
        /// The weights' path, or "synthetic".
        public let weights: String
        /// The kernel core OpenBLAS picked (`BLAS.coreName`).
        public let blasCore: String
        /// With `ModelBenchmark.profile`: the per-layer times of the profiled passes.
        public let profile: ModelProfile?

        /// The report as one readable line, ending in a newline.
        public var summaryLine: String {
            String(
                format: "%@ batch %d, %d thread(s) over %@: %.2f images/s (%.1f ms/batch, best %.1f), "
                    + "%.0f MB workspace, %g allocations per image after warm-up\n",
                model, batch, threads, parallel, imagesPerSecond, millisecondsPerBatch, bestMillisecondsPerBatch,
                workspaceMegabytes, allocationsPerImageAfterWarmup)
        }
    }
}
