import Foundation

extension TorchTensorRef {
    /// The tensor's elements in C order, converted to float32, gathered from `blob` (the whole stored blob the
    /// storage belongs to, already checked to hold `storage.blobCount` elements). Strided views and storage
    /// offsets are resolved here, so the result is always contiguous.
    func floats(from blob: Data) -> [Float] {
        let count = size.reduce(1, *)
        guard count > 0 else { return [] }
        let base = storage.offset + offset
        return blob.withUnsafeBytes { raw -> [Float] in
            let read: (Int) -> Float
            switch storage.dtype {
            case .float32: read = { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            case .float16: read = { Float(Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self)))) }
            case .bfloat16: read = { Float(bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self))) << 16) }
            case .float64: read = { Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)))) }
            default: preconditionFailure("floats() called on a \(storage.dtype) tensor")
            }
            // Odometer over the index space: `index` holds the multi-index, `element` the storage element.
            var values = [Float](repeating: 0, count: count)
            var index = [Int](repeating: 0, count: size.count)
            var element = base
            for i in 0..<count {
                values[i] = read(element)
                var axis = size.count - 1
                while axis >= 0 {
                    index[axis] += 1
                    element += stride[axis]
                    if index[axis] < size[axis] { break }
                    element -= stride[axis] * size[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
            return values
        }
    }
}
