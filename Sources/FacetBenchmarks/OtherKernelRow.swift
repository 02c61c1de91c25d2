/// The timings of one non-GEMM kernel (pooling, resizing, argmax, elementwise) at a size a network runs it.
public struct OtherKernelRow: Codable, Sendable {
    public let network: String
    public let kernel: String
    /// "input shape → output shape".
    public let shape: String
    public let milliseconds: Double
    public let bestMilliseconds: Double
    /// Input plus output bytes over the median time.
    public let gigabytesPerSecond: Double
}
