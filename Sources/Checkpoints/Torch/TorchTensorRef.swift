/// A tensor as `_rebuild_tensor_v2` describes it: a strided view into a storage (offsets and strides in elements).
struct TorchTensorRef {
    let storage: TorchStorageRef
    let offset: Int
    let size: [Int]
    let stride: [Int]
}
