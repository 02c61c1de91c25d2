import Foundation
import TensorCore

/// Reads MXNet's binary NDArray list: the `.params` files written by `mx.nd.save` / `mx.model.save_checkpoint`, e.g.
/// insightface's `model-r100-ii/model-0000.params`.
///
/// Layout (all little-endian; checked against apache/mxnet `src/ndarray/ndarray.cc` `NDArray::Save`/`Load` and
/// against files written by mxnet 1.9.1):
///
///     u64 list magic 0x112 · u64 reserved (0) · u64 array count · the arrays
///     u64 name count (0 or the array count) · each name as u64 byte length + UTF-8 bytes
///
/// Each array starts with a u32 magic:
/// - V2 `0xF993FAC9` / V3 `0xF993FACA` (V3 = numpy shape semantics): i32 storage type (0 dense; sparse arrays also
///   carry a storage shape and aux data, which we reject) · shape · context · i32 type flag · raw data.
/// - V1 `0xF993FAC8`: shape · context · type flag · raw data.
/// - anything else is a legacy array: the u32 itself is ndim, followed by ndim u32 dims · context · type flag · data.
///
/// shape = i32 ndim + ndim × i64 dims; context = i32 device type + i32 device id (ignored: data is always host
/// order). An unknown shape (ndim 0 before V3, ndim −1 or a −1 dim in V3) is an empty "none" array with no context
/// or data; weight files never hold one, so we reject it. Names keep MXNet's `arg:` (weights) / `aux:` (BatchNorm
/// moving statistics) prefixes.
public enum MXNetParams {
    static let listMagic: UInt64 = 0x112
    static let v1Magic: UInt32 = 0xF993_FAC8
    static let v2Magic: UInt32 = 0xF993_FAC9
    static let v3Magic: UInt32 = 0xF993_FACA
    /// No real tensor has more dimensions; anything above is a corrupt file, not an allocation request.
    static let maxDimensions = 32

    /// Reads every array under its stored MXNet name (`arg:conv0_weight`, `aux:bn0_moving_var`, …), as float32.
    public static func load(path: String) throws -> WeightStore {
        return try parse(MappedFile.read(path), source: path)
    }

    static func parse(_ data: Data, source: String) throws -> WeightStore {
        var reader = ByteReader(data: data, source: source)
        let magic = try reader.uint64("list magic")
        guard magic == listMagic else {
            throw FacetError(.badData, "\(source): not an MXNet .params file (list magic 0x\(String(magic, radix: 16)), expected 0x112)")
        }
        _ = try reader.uint64("reserved word")
        let arrayCount = try reader.uint64("array count")
        // Every array needs at least 16 bytes, so a larger count cannot be honest; checking first keeps a hostile
        // count from driving the loop below.
        guard arrayCount <= UInt64(reader.remaining / 16) else {
            throw reader.error("array count \(arrayCount) does not fit in the \(reader.remaining) bytes left")
        }
        var arrays: [StoredTensor] = []
        for index in 0..<Int(arrayCount) {
            arrays.append(try readArray(&reader, index: index))
        }
        let nameCount = try reader.uint64("name count")
        guard nameCount == arrayCount else {
            throw reader.error("\(nameCount) names for \(arrayCount) arrays (a weight file must name every array)")
        }
        var store = WeightStore(source: source)
        for tensor in arrays {
            let length = try reader.uint64("name length")
            guard length <= UInt64(reader.remaining) else { throw reader.error("name length \(length) runs past the end of the file") }
            let range = try reader.take(Int(length), "name")
            guard let name = String(data: data[range], encoding: .utf8) else { throw reader.error("array name is not UTF-8") }
            try store.insert(name, tensor)
        }
        guard reader.remaining == 0 else { throw reader.error("\(reader.remaining) unexpected bytes after the names") }
        return store
    }

    private static func readArray(_ reader: inout ByteReader, index: Int) throws -> StoredTensor {
        let what = "array \(index)"
        let magic = try reader.uint32("\(what) magic")
        let shape: [Int]?
        switch magic {
        case v2Magic, v3Magic:
            let storage = try reader.int32("\(what) storage type")
            guard storage == 0 else {
                if storage == 1 || storage == 2 {
                    throw FacetError(.unsupported, "\(reader.source): \(what) uses sparse storage (type \(storage)); only dense arrays are supported")
                }
                throw reader.error("\(what) has unknown storage type \(storage)")
            }
            shape = try readShape(&reader, what: what, numpySemantics: magic == v3Magic)
        case v1Magic:
            shape = try readShape(&reader, what: what, numpySemantics: false)
        default:
            // Legacy: the magic is ndim and dims are u32.
            guard magic <= UInt32(maxDimensions) else {
                throw reader.error("\(what) has unknown magic 0x\(String(magic, radix: 16)) (or an absurd legacy ndim)")
            }
            let dims = try (0..<Int(magic)).map { _ in Int(try reader.uint32("\(what) dimension")) }
            shape = dims.isEmpty ? nil : dims
        }
        guard let shape else {
            throw FacetError(.unsupported, "\(reader.source): \(what) is an empty (unknown-shape) NDArray; a weight file cannot use it")
        }
        _ = try reader.int32("\(what) device type")
        _ = try reader.int32("\(what) device id")
        let typeFlag = try reader.int32("\(what) type flag")
        guard let dtype = MXNetDType(rawValue: typeFlag) else { throw reader.error("\(what) has unknown type flag \(typeFlag)") }
        guard let format = dtype.floatFormat else {
            throw FacetError(.unsupported, "\(reader.source): \(what) holds \(dtype) values; only float32, float64 and float16 weights are supported")
        }
        let count = try elementCount(shape, reader: reader, what: what)
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: format.byteSize)
        guard !overflow, byteCount <= reader.remaining else {
            throw reader.error("\(what) data of shape \(shape) runs past the end of the file (\(reader.remaining) bytes left)")
        }
        let range = try reader.take(byteCount, "\(what) data")
        let values = FloatDecoding.decode(reader.data, byteOffset: range.lowerBound - reader.data.startIndex, count: count, as: format)
        return StoredTensor(shape: shape, values: values)
    }

    /// Reads an i32 ndim and i64 dims; nil for an unknown ("none") shape.
    private static func readShape(_ reader: inout ByteReader, what: String, numpySemantics: Bool) throws -> [Int]? {
        let ndim = try reader.int32("\(what) ndim")
        if numpySemantics && ndim == -1 { return nil }
        guard ndim >= 0, ndim <= maxDimensions else { throw reader.error("\(what) has absurd ndim \(ndim)") }
        if !numpySemantics && ndim == 0 { return nil }
        var dims: [Int] = []
        for _ in 0..<Int(ndim) {
            let dim = try reader.int64("\(what) dimension")
            if numpySemantics && dim == -1 { return nil }
            guard dim >= 0 else { throw reader.error("\(what) has negative dimension \(dim)") }
            dims.append(Int(dim))
        }
        return dims
    }

    private static func elementCount(_ shape: [Int], reader: ByteReader, what: String) throws -> Int {
        var count = 1
        for dim in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            guard !overflow else { throw reader.error("\(what) shape \(shape) overflows") }
            count = product
        }
        return count
    }
}
