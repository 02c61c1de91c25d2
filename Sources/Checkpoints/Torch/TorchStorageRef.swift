/// A storage named by a persistent id: which stored blob (`key`), its element type, and which elements of it
/// this storage covers (legacy files can name a view of a larger storage; otherwise offset 0, all elements).
struct TorchStorageRef {
    let key: String
    let dtype: TorchDType
    /// Elements in the stored blob.
    let blobCount: Int
    /// First element of this storage within the blob, and its element count.
    let offset: Int
    let count: Int
}
