/// `cv2.dilate(mask, np.ones((kernelSize, kernelSize)), iterations:)` settings for a part mask.
public struct MaskDilation: Sendable, Hashable {
    public var kernelSize: Int
    public var iterations: Int

    public init(kernelSize: Int, iterations: Int) {
        self.kernelSize = kernelSize
        self.iterations = iterations
    }

    public static let none = MaskDilation(kernelSize: 0, iterations: 0)

    /// The reference table (SEED `create_blur_part.py`): 5×5 kernel; smaller parts get more iterations.
    /// Parts not in the table (user-defined ones) are not dilated.
    public static func reference(for partName: String) -> MaskDilation {
        switch partName {
        case "eyes", "eyeswbrows", "hair", "mouthwlips": MaskDilation(kernelSize: 5, iterations: 4)
        case "nose": MaskDilation(kernelSize: 5, iterations: 3)
        case "brows": MaskDilation(kernelSize: 5, iterations: 2)
        default: .none  // includes "skin" (0, 0)
        }
    }
}
