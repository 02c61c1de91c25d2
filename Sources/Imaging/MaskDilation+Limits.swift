import TensorCore

extension MaskDilation {
    /// The largest kernel side and iteration count: each iteration costs kernel² per pixel.
    public static let maximumKernelSize = 101
    public static let maximumIterations = 100

    /// Refuses a kernel or iteration count outside its range (named by `facet blur --dilation`).
    public func validate() throws {
        try SettingCheck.integer(kernelSize, in: 0...Self.maximumKernelSize, "--dilation kernel", unit: "pixels")
        try SettingCheck.integer(iterations, in: 0...Self.maximumIterations, "--dilation iterations")
    }
}
