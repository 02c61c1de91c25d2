import Foundation

/// A decoded `.npy` array: shape, element type and the raw little-endian, C-order bytes.
public struct NPYArray: Sendable {
    public let shape: [Int]
    public let dtype: NPYDType
    public let data: Data
    /// Where it came from, for error messages.
    public let source: String

    public var count: Int { shape.reduce(1, *) }

    /// The elements as Float (float64 and integers are converted).
    public func floats() throws -> [Float] {
        switch dtype {
        case .float32: return load(Float.self)
        case .float64: return load(Double.self).map(Float.init)
        case .int32: return load(Int32.self).map(Float.init)
        case .int64: return load(Int64.self).map(Float.init)
        case .uint8: return data.map(Float.init)
        }
    }

    /// The elements as Double (lossless for every supported dtype except int64 beyond 2^53).
    public func doubles() throws -> [Double] {
        switch dtype {
        case .float32: return load(Float.self).map(Double.init)
        case .float64: return load(Double.self)
        case .int32: return load(Int32.self).map(Double.init)
        case .int64: return load(Int64.self).map(Double.init)
        case .uint8: return data.map(Double.init)
        }
    }

    /// The elements as bytes; only for `|u1` arrays.
    public func bytes() throws -> [UInt8] {
        guard dtype == .uint8 else { throw FacetError(.badData, "\(source): expected uint8 data, found \(dtype.rawValue)") }
        return [UInt8](data)
    }

    private func load<T>(_: T.Type) -> [T] {
        data.withUnsafeBytes { raw in
            (0..<count).map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self) }
        }
    }
}
