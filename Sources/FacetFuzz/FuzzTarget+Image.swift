import Foundation
import Imaging

/// PNG and JPEG through `ImageFile`, which picks the codec by signature and applies the JPEG's Exif orientation.
extension FuzzTarget {
    static func image(_ data: Data) throws {
        _ = try ImageFile.decode([UInt8](data), name: "fuzz-image")
    }
}
