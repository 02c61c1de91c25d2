/// One file in a zip archive, located but not read.
struct ZipEntry {
    let name: String
    /// 0 = stored (what PyTorch writes), 8 = deflate, ...
    let method: UInt16
    let compressedSize: Int
    let size: Int
    /// Offset of the entry's local header from the start of the archive.
    let localHeaderOffset: Int
}
