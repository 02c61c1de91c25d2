/// Kernel size, stride, zero padding and dilation of a 2-D convolution (groups = 1).
public struct ConvGeometry: Hashable, Sendable, CustomStringConvertible {
    public var kernelH, kernelW: Int
    public var strideH, strideW: Int
    public var padH, padW: Int
    public var dilationH, dilationW: Int

    public init(kernel: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1) {
        self.init(kernelH: kernel, kernelW: kernel, strideH: stride, strideW: stride,
                  padH: padding, padW: padding, dilationH: dilation, dilationW: dilation)
    }

    public init(kernelH: Int, kernelW: Int, strideH: Int, strideW: Int, padH: Int, padW: Int,
                dilationH: Int = 1, dilationW: Int = 1) {
        precondition(kernelH > 0 && kernelW > 0 && strideH > 0 && strideW > 0 && dilationH > 0 && dilationW > 0)
        precondition(padH >= 0 && padW >= 0)
        (self.kernelH, self.kernelW, self.strideH, self.strideW) = (kernelH, kernelW, strideH, strideW)
        (self.padH, self.padW, self.dilationH, self.dilationW) = (padH, padW, dilationH, dilationW)
    }

    /// ⌊(H + 2p − d·(k−1) − 1)/s⌋ + 1, as PyTorch.
    public func outputSize(height: Int, width: Int) -> (height: Int, width: Int) {
        ((height + 2 * padH - dilationH * (kernelH - 1) - 1) / strideH + 1,
         (width + 2 * padW - dilationW * (kernelW - 1) - 1) / strideW + 1)
    }

    /// A 1×1, stride-1, unpadded convolution is a plain GEMM on the NCHW buffer.
    public var isPointwise: Bool { kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0 }

    /// An unpadded 1×1 convolution with a stride (a ResNet downsample): a GEMM on a strided subsample of the input.
    public var isStridedPointwise: Bool { kernelH == 1 && kernelW == 1 && padH == 0 && padW == 0 && !isPointwise }

    public var description: String {
        "k\(kernelH)x\(kernelW) s\(strideH)x\(strideW) p\(padH)x\(padW) d\(dilationH)x\(dilationW)"
    }
}
