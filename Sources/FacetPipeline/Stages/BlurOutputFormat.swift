/// The image format of `facet blur`'s outputs.
public enum BlurOutputFormat: String, Sendable, CaseIterable {
    /// The input's format, by its extension (names with other extensions, e.g. `.bmp`, become `<stem>.png`).
    case keep
    case png
    case jpeg
}
