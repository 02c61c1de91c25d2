/// The sgemm peak: a `size`³ product with its N columns split over the benchmark's threads, each a
/// single-threaded OpenBLAS sgemm. It is the "100 %" of the kernel table.
public struct SgemmResult: Codable, Sendable {
    /// M = N = K.
    public let size: Int
    /// The median run.
    public let milliseconds: Double
    /// The median run's rate (2 FLOPs per multiply-add).
    public let gflops: Double
    /// The fastest run's rate.
    public let bestGFLOPS: Double
}
