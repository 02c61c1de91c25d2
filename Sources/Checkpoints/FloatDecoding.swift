import Foundation

/// Little-endian element decoders shared by the importers: every stored float format becomes `Float`.
enum FloatDecoding {
    /// The element formats weight files store.
    enum Format: Sendable {
        case float32, float64, float16, bfloat16

        var byteSize: Int {
            switch self {
            case .float32: 4
            case .float64: 8
            case .float16, .bfloat16: 2
            }
        }
    }

    /// Decodes `count` little-endian elements starting at `byteOffset` (relative to `data.startIndex`).
    /// The caller has already checked that the bytes exist.
    static func decode(_ data: Data, byteOffset: Int, count: Int, as format: Format) -> [Float] {
        data.withUnsafeBytes { raw in
            let base = raw.baseAddress!.advanced(by: byteOffset)
            let bytes = UnsafeRawBufferPointer(start: base, count: count * format.byteSize)
            switch format {
            case .float32:
                return (0..<count).map { Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
            case .float64:
                return (0..<count).map { Float(Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self)))) }
            case .float16:
                return (0..<count).map { halfToFloat(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self))) }
            case .bfloat16:
                return (0..<count).map { Float(bitPattern: UInt32(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self))) << 16) }
            }
        }
    }

    /// IEEE 754 binary16 → binary32, exact for every value (subnormals, infinities and NaN included). Written out by
    /// hand because Swift's `Float16` is unavailable on some platforms.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = Int((h >> 10) & 0x1f)
        let mantissa = UInt32(h & 0x3ff)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa · 2⁻²⁴, exact in float32.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1f:
            return Float(bitPattern: sign | 0x7f80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | (UInt32(exponent - 15 + 127) << 23) | (mantissa << 13))
        }
    }
}
