import Foundation

/// Opens an input file memory-mapped, so large weight and score files are paged in as they are read.
public enum MappedFile {
    /// The file's bytes, or a `.missingInput` error naming the file.
    public static func read(_ path: String) throws -> Data {
        try InputFile.checkRegular(path)
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw FacetError(.missingInput, "\(path): cannot read (\(error.localizedDescription))")
        }
    }
}
