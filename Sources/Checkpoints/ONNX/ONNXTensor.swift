import Foundation
import TensorCore

/// The parts of an `onnx.TensorProto` (onnx.proto) a weight importer needs: dims(1), data_type(2), float_data(4),
/// int32_data(5, which holds float16/bfloat16 bit patterns), int64_data(7), name(8), raw_data(9, little-endian),
/// double_data(10), external_data(13), data_location(14). Payloads stay as byte ranges of the file until asked for.
public struct ONNXTensor: Sendable {
    /// `TensorProto.DataType` values that can hold weights.
    enum DataType: Int32 {
        case float = 1, float16 = 10, double = 11, bfloat16 = 16
    }

    public internal(set) var name = ""
    public internal(set) var dims: [Int] = []
    var dataType: Int32 = 0
    var rawData: Range<Int>?
    var floatData: [Float] = []
    /// int32_data as read (varints); float16/bfloat16 values keep their 16-bit patterns in the low bits.
    var int32Data: [UInt64] = []
    var doubleData: [Double] = []
    var hasExternalData = false

    static func parse(_ reader: inout ProtobufReader) throws -> ONNXTensor {
        var tensor = ONNXTensor()
        var dims: [UInt64] = []
        while let (field, wire) = try reader.nextField() {
            switch (field, wire) {
            case (1, _): try reader.repeatedVarints(wire, into: &dims)
            case (2, .varint): tensor.dataType = Int32(truncatingIfNeeded: try reader.varint())
            case (4, .fixed32): tensor.floatData.append(Float(bitPattern: try reader.fixed32()))
            case (4, .lengthDelimited):
                var packed = try reader.message()
                while !packed.isAtEnd { tensor.floatData.append(Float(bitPattern: try packed.fixed32())) }
            case (5, _): try reader.repeatedVarints(wire, into: &tensor.int32Data)
            case (8, .lengthDelimited): tensor.name = try reader.string()
            case (9, .lengthDelimited): tensor.rawData = try reader.lengthDelimited()
            case (10, .fixed64): tensor.doubleData.append(Double(bitPattern: try reader.fixed64()))
            case (10, .lengthDelimited):
                var packed = try reader.message()
                while !packed.isAtEnd { tensor.doubleData.append(Double(bitPattern: try packed.fixed64())) }
            case (13, .lengthDelimited):
                tensor.hasExternalData = true
                try reader.skip(wire)
            case (14, .varint):
                let location = try reader.varint()
                if location == 1 { tensor.hasExternalData = true }
            case (2, _), (4, _), (8, _), (9, _), (10, _), (13, _), (14, _):
                throw reader.error("TensorProto field \(field) has wire type \(wire.rawValue)")
            default: try reader.skip(wire)
            }
        }
        tensor.dims = try dims.map { dim in
            guard dim <= UInt64(Int32.max) else {
                throw reader.error("tensor '\(tensor.name)' has absurd dimension \(Int64(bitPattern: dim))")
            }
            return Int(dim)
        }
        return tensor
    }

    /// The values as float32, checked against dims. Rejects external data and non-float types.
    func floats(in data: Data, source: String) throws -> [Float] {
        if hasExternalData {
            throw FacetError(.unsupported, "\(source): tensor '\(name)' keeps its data in an external file; re-save the model with onnx.save(model, path, save_as_external_data=False)")
        }
        guard let type = DataType(rawValue: dataType) else {
            throw FacetError(.unsupported, "\(source): tensor '\(name)' has ONNX data type \(dataType); weights must be float, float16, bfloat16 or double")
        }
        var count = 1
        for dim in dims {
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            guard !overflow, product <= data.count else {
                throw FacetError(.badData, "\(source): tensor '\(name)' shape \(dims) is larger than the file")
            }
            count = product
        }
        if let rawData {
            let format: FloatDecoding.Format = switch type {
            case .float: .float32
            case .float16: .float16
            case .double: .float64
            case .bfloat16: .bfloat16
            }
            guard rawData.count == count * format.byteSize else {
                throw FacetError(.badData, "\(source): tensor '\(name)' has \(rawData.count) bytes of raw data for shape \(dims) (\(count * format.byteSize) expected)")
            }
            return FloatDecoding.decode(data, byteOffset: rawData.lowerBound - data.startIndex, count: count, as: format)
        }
        let values: [Float] = switch type {
        case .float: floatData
        case .double: doubleData.map { Float($0) }
        case .float16: int32Data.map { FloatDecoding.halfToFloat(UInt16(truncatingIfNeeded: $0)) }
        case .bfloat16: int32Data.map { Float(bitPattern: UInt32(UInt16(truncatingIfNeeded: $0)) << 16) }
        }
        guard values.count == count else {
            throw FacetError(.badData, "\(source): tensor '\(name)' has \(values.count) values for shape \(dims)")
        }
        return values
    }
}
