/// Winograd minimal filtering F(m×m, 3×3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks",
/// 2016): an m×m tile of a 3×3 stride-1 convolution is Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A, where d is the α×α input
/// patch (α = m + 2) and g the 3×3 filter. Per tile and channel pair that is α² multiplications instead of 9m²:
/// 2.25× fewer for F(2×2), 4× fewer for F(4×4).
///
/// The matrices are the paper's, from the interpolation points 0, ±1 (F(2×2)) and 0, ±1, ±2 (F(4×4)), plus ∞.
/// Larger tiles save more multiplications but lose float32 accuracy fast; F(4×4) stays within the conv budget.
public struct WinogradTile: Sendable, Hashable, CustomStringConvertible {
    /// m: output rows and columns per tile.
    public let outputSize: Int
    /// Bᵀ, α×α, row-major. The C kernels spell it out term by term; a test checks the two agree.
    let inputTransform: [Float]
    /// G, α×3, row-major; the filter transform runs once at load, in Float64.
    let filterTransform: [Double]
    /// Aᵀ, m×α, row-major. The C kernels spell it out term by term; a test checks the two agree.
    let outputTransform: [Float]

    /// α = m + 2: input rows and columns per tile, and the number of rows of every transform.
    public var inputSize: Int { outputSize + 2 }

    public var description: String { "F(\(outputSize)x\(outputSize),3x3)" }

    public static let f2 = WinogradTile(
        outputSize: 2,
        inputTransform: [
            1, 0, -1, 0,
            0, 1, 1, 0,
            0, -1, 1, 0,
            0, 1, 0, -1,
        ],
        filterTransform: [
            1, 0, 0,
            0.5, 0.5, 0.5,
            0.5, -0.5, 0.5,
            0, 0, 1,
        ],
        outputTransform: [
            1, 1, 1, 0,
            0, 1, -1, -1,
        ])

    public static let f4 = WinogradTile(
        outputSize: 4,
        inputTransform: [
            4, 0, -5, 0, 1, 0,
            0, -4, -4, 1, 1, 0,
            0, 4, -4, -1, 1, 0,
            0, -2, -1, 2, 1, 0,
            0, 2, -1, -2, 1, 0,
            0, 4, 0, -5, 0, 1,
        ],
        filterTransform: [
            1.0 / 4, 0, 0,
            -1.0 / 6, -1.0 / 6, -1.0 / 6,
            -1.0 / 6, 1.0 / 6, -1.0 / 6,
            1.0 / 24, 1.0 / 12, 1.0 / 6,
            1.0 / 24, -1.0 / 12, 1.0 / 6,
            0, 0, 1,
        ],
        outputTransform: [
            1, 1, 1, 1, 1, 0,
            0, 1, -1, 2, -2, 0,
            0, 1, 1, 4, 4, 0,
            0, 1, -1, 8, -8, 1,
        ])

    /// The tile to run a convolution with, or nil for im2col: Winograd needs 3×3, stride 1, no dilation and equal
    /// padding on both axes, and pays off only with enough input channels to make the α² GEMMs deep.
    /// Measured single-threaded at batch 1 with the packed GEMM (`facet bench kernels`; im2col / F(2×2) /
    /// F(4×4) ms): 128 ch @28 9.7 / 4.3 / 2.0, 256 @14 4.7 / 2.1 / 1.7, 512 @16 21.4 / 10.6 / 7.6,
    /// 512 @7 6.8 / 3.4 / 5.4. So F(4×4) from 14×14 outputs up, F(2×2) at 7×7 (where F(4×4) covers 8×8 with
    /// four tiles and its 36 filter matrices cost more memory traffic than its fewer multiplications save).
    public static func preferred(
        for geometry: ConvGeometry, inputChannels: Int, outputHeight: Int, outputWidth: Int
    ) -> WinogradTile? {
        guard geometry.kernelH == 3, geometry.kernelW == 3, geometry.strideH == 1, geometry.strideW == 1,
            geometry.dilationH == 1, geometry.dilationW == 1, geometry.padH == geometry.padW, inputChannels >= 32
        else { return nil }
        let side = min(outputHeight, outputWidth)
        return side >= 14 ? .f4 : side >= 7 ? .f2 : nil
    }

    /// G g Gᵀ of one 3×3 filter `g` (row-major) into `u` (α×α, row-major), as (G g) Gᵀ: first the α×3 product
    /// G g, then its rows times Gᵀ.
    func transformFilter(_ g: UnsafePointer<Float>, into u: UnsafeMutablePointer<Float>) {
        let alpha = inputSize
        withUnsafeTemporaryAllocation(of: Double.self, capacity: alpha * 3) { gg in
            for i in 0..<alpha {
                for l in 0..<3 {
                    var sum = 0.0
                    for k in 0..<3 { sum += filterTransform[i * 3 + k] * Double(g[k * 3 + l]) }
                    gg[i * 3 + l] = sum
                }
            }
            for i in 0..<alpha {
                for j in 0..<alpha {
                    var sum = 0.0
                    for l in 0..<3 { sum += gg[i * 3 + l] * filterTransform[j * 3 + l] }
                    u[i * alpha + j] = Float(sum)
                }
            }
        }
    }
}
