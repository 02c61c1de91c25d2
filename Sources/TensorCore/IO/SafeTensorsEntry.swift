import Foundation

/// One tensor of a safetensors file: its name, element type, shape and raw little-endian, C-order bytes.
public struct SafeTensorsEntry: Sendable {
    public let name: String
    public let dtype: SafeTensorsDType
    public let shape: [Int]
    /// Exactly `count × dtype.byteSize` bytes (a slice of the mapped file when read).
    public let data: Data

    public var count: Int { shape.reduce(1, *) }

    /// A tensor with explicit bytes; `data.count` must match the shape and type (an internal invariant).
    public init(name: String, dtype: SafeTensorsDType, shape: [Int], data: Data) {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) * dtype.byteSize == data.count,
                     "\(name): \(data.count) bytes for \(dtype.rawValue) \(shape)")
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.data = data
    }

    /// A float32 tensor.
    public init(name: String, shape: [Int], values: [Float]) {
        // Facet runs on little-endian hosts (x86-64, arm64), so memory order is the file's byte order.
        self.init(name: name, dtype: .float32, shape: shape, data: values.withUnsafeBytes { Data($0) })
    }

    /// The elements converted to float32 (F32, F16, BF16 and F64; other types are refused).
    public func floats(source: String) throws -> [Float] {
        switch dtype {
        case .float32: return load(UInt32.self).map { Float(bitPattern: UInt32(littleEndian: $0)) }
        case .float16: return load(UInt16.self).map { Float(Float16(bitPattern: UInt16(littleEndian: $0))) }
        case .bfloat16: return load(UInt16.self).map { Float(bitPattern: UInt32(UInt16(littleEndian: $0)) << 16) }
        case .float64: return load(UInt64.self).map { Float(Double(bitPattern: UInt64(littleEndian: $0))) }
        default:
            throw FacetError(.unsupported, "\(source): tensor '\(name)' has dtype \(dtype.rawValue); only F32, F16, BF16 and F64 convert to float")
        }
    }

    private func load<T: FixedWidthInteger>(_: T.Type) -> [T] {
        data.withUnsafeBytes { raw in
            (0..<count).map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self) }
        }
    }
}
