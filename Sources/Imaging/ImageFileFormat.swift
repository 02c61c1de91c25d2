/// The file formats Facet reads and writes. A file's format is decided by its first bytes, never its name.
public enum ImageFileFormat: String, Sendable, CaseIterable {
    case jpeg
    case png

    /// The format whose signature starts `bytes`, or nil.
    public static func detect(_ bytes: some Collection<UInt8>) -> ImageFileFormat? {
        let head = Array(bytes.prefix(8))
        if head.count >= 3, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF { return .jpeg }
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return .png }
        return nil
    }

    /// The format a file name asks for by its extension (case-insensitive), or nil for other extensions.
    public static func fromExtension(of fileName: String) -> ImageFileFormat? {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "jpg", "jpeg", "jpe", "jfif": return .jpeg
        case "png": return .png
        default: return nil
        }
    }
}
