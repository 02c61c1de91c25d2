/// Where the blur stage gets each image's label map.
public enum LabelSource: Sendable {
    /// Parse each image here, once for all its parts.
    case parser(any FaceParser)
    /// A folder of `<stem>_mask.png` label maps from the parse stage (list input: `<folder>/<parent folder>/` is
    /// tried first).
    case folder(String)
}
