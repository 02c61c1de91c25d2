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
    /// The caller has already checked that the bytes exist. float32 is a straight copy (our targets are
    /// little-endian), which keeps a 250 MB checkpoint fast to read even in debug builds.
    static func decode(_ data: Data, byteOffset: Int, count: Int, as format: Format) -> [Float] {
        data.withUnsafeBytes { raw in
            let bytes = UnsafeRawBufferPointer(rebasing: raw[byteOffset..<(byteOffset + count * format.byteSize)])
            return [Float](unsafeUninitializedCapacity: count) { out, initialized in
                switch format {
                case .float32:
                    if count > 0 { UnsafeMutableRawPointer(out.baseAddress!).copyMemory(from: bytes.baseAddress!, byteCount: 4 * count) }
                    #if _endian(big)
                    for i in 0..<count { out[i] = Float(bitPattern: UInt32(littleEndian: out[i].bitPattern)) }
                    #endif
                case .float64:
                    for i in 0..<count { out[i] = Float(Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))) }
                case .float16:
                    for i in 0..<count { out[i] = halfToFloat(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) }
                case .bfloat16:
                    for i in 0..<count { out[i] = Float(bitPattern: UInt32(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) << 16) }
                }
                initialized = count
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
