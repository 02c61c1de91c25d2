/// The timings of one `KernelBenchmarkLayer` (medians unless named best; 2 FLOPs per multiply-add).
public struct KernelBenchmarkRow: Codable, Sendable {
    public let network: String
    public let layer: String
    /// "C→M H×W kK sS pP" for a conv, "K → M" for the fc.
    public let shape: String
    /// The layer's GEMM: M outputs, N output positions over the batch, K = C·kH·kW.
    public let gemmMNK: [Int]
    public let gflop: Double
    /// `Ops.conv2d` (im2col + GEMM + bias), or `Ops.linear` for the fc.
    public let milliseconds: Double
    public let gflops: Double
    /// `gflops` as a share of the sgemm peak.
    public let percentOfPeak: Double
    public let bestGFLOPS: Double
    /// A bare sgemm of the same M×K·K×N, split like the conv's: conv vs gemm is what im2col and the bias cost.
    public let gemmGFLOPS: Double
    /// `Ops.conv2dWinograd` with F(2×2,3×3) tiles; 3×3 stride-1 layers only.
    public let winogradF2Milliseconds: Double?
    /// `Ops.conv2dWinograd` with F(4×4,3×3) tiles; 3×3 stride-1 layers only.
    public let winogradF4Milliseconds: Double?
}
