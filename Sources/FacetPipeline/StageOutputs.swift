/// The file and folder names each stage writes, in one place: the commands, the study and resumed runs all find
/// outputs through these.
public enum StageOutputs {
    /// `facet parse`: the 512×512 label map of an image.
    public static func labelMap(stem: String) -> String { "\(stem)_mask.png" }
    /// `facet parse --overlay`: the image with its parts coloured.
    public static func overlay(stem: String) -> String { "\(stem)_color_mask.png" }
    /// `facet parse --part-masks`: a part's 0/255 mask at the image's size.
    public static func partMask(stem: String, part: String) -> String { "\(stem)_\(part).png" }
    /// `facet blur`: the folder of one part's blurred images.
    public static func blurredFolder(part: String) -> String { "blurred_\(part)" }
    /// `facet blur --masks`: the folder of one part's masks, and a mask's name in it.
    public static func blurMaskFolder(part: String) -> String { "mask_\(part)" }
    public static func blurMask(stem: String) -> String { "\(stem)_annotation.png" }
    /// `facet extract`: an image's embedding.
    public static func embedding(stem: String) -> String { "\(stem).npy" }
    /// `facet extract --matrix`: every embedding as one matrix, and the image paths of its rows.
    public static let embeddingMatrix = "features.npy"
    public static let embeddingMatrixPaths = "features.txt"
}
