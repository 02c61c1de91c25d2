import Foundation
import Testing
import TensorCore
import TestSupport
@testable import Checkpoints

/// Reading ONNX files: the protobuf decoder, tensor payloads and float decoding. (Naming the weights of IResNet
/// graphs is tested with FaceModels, `ONNXIResNetMappingTests`.)
struct ONNXModelTests {
    @Test func missingFileIsAMissingInput() {
        let error = #expect(throws: FacetError.self) { try ONNXModel.load(path: "/nonexistent/w600k_r50.onnx") }
        #expect(error?.kind == .missingInput)
    }

    @Test(arguments: [
        ([0x3B], "unsupported wire type 3"),  // field 7, wire type 3 (group)
        ([0x3F], "unsupported wire type 7"),
        ([0x3A, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10], "runs past the end"),  // graph, length 2^60
        ([0x3A, 0x05, 0x0A], "runs past the end"),  // graph of 5 bytes, 1 present
        ([0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01], "varint"),  // ir_version varint too long
        ([0x00], "invalid field number 0"),
        ([0x38, 0x01], "wire type 0"),  // graph (7) as a varint
        ([0x08, 0x07], "no graph"),
    ])
    func malformedBytesAreClearErrors(bytes: [UInt8], problem: String) {
        let error = #expect(throws: FacetError.self) { try ONNXModel.parse(Data(bytes), source: "bad.onnx") }
        #expect(error?.kind == .badData)
        #expect(error?.message.contains(problem) == true, "\(error?.message ?? "")")
    }

    @Test func tensorPayloadMustMatchItsShape() throws {
        // TensorProto: dims 4, data_type FLOAT, name "w", raw_data of 8 bytes (2 floats, not 4).
        var tensorBytes: [UInt8] = [0x08, 0x04, 0x10, 0x01, 0x42, 0x01, 0x77, 0x4A, 0x08]
        tensorBytes += [UInt8](repeating: 0, count: 8)
        var reader = ProtobufReader(data: Data(tensorBytes), source: "t.onnx")
        let tensor = try ONNXTensor.parse(&reader)
        #expect(tensor.name == "w")
        #expect(tensor.dims == [4])
        let error = #expect(throws: FacetError.self) { try tensor.floats(in: Data(tensorBytes), source: "t.onnx") }
        #expect(error?.message.contains("8 bytes of raw data for shape [4]") == true, "\(error?.message ?? "")")
    }

    @Test func absurdTensorDimensionsAreRejectedBeforeAllocating() throws {
        // dims [2^40, 2^40] with 4 bytes of raw data.
        let bytes: [UInt8] = [0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20,
                              0x10, 0x01, 0x4A, 0x04, 0, 0, 0, 0]
        var reader = ProtobufReader(data: Data(bytes), source: "t.onnx")
        let error = #expect(throws: FacetError.self) { _ = try ONNXTensor.parse(&reader) }
        #expect(error?.message.contains("absurd dimension") == true, "\(error?.message ?? "")")
    }

    @Test func nestingIsDepthLimited() throws {
        // 40 nested length-delimited fields (field 1), each wrapping the next.
        var bytes: [UInt8] = []
        for _ in 0..<40 { bytes = [0x0A, UInt8(bytes.count)] + bytes }
        var reader = ProtobufReader(data: Data(bytes), source: "deep.onnx")
        let error = #expect(throws: FacetError.self) {
            while true {
                guard try reader.nextField() != nil else { break }
                reader = try reader.message()
            }
        }
        #expect(error?.message.contains("nested deeper than 32") == true, "\(error?.message ?? "")")
    }

    @Test func packedAndUnpackedRepeatedFieldsReadTheSame() throws {
        // TensorProto dims [2, 3]: unpacked (two varint fields) and packed (one length-delimited run).
        var unpacked = ProtobufReader(data: Data([0x08, 0x02, 0x08, 0x03]), source: "u")
        var packed = ProtobufReader(data: Data([0x0A, 0x02, 0x02, 0x03]), source: "p")
        #expect(try ONNXTensor.parse(&unpacked).dims == [2, 3])
        #expect(try ONNXTensor.parse(&packed).dims == [2, 3])
    }

    @Test(arguments: [(UInt16(0x3C00), Float(1)), (0xC000, -2), (0x7BFF, 65504), (0x0001, 0x1p-24), (0x0400, 0x1p-14),
                      (0x8000, -0.0), (0x7C00, .infinity), (0x3555, 0.333251953125)])
    func halfPrecisionDecodesExactly(bits: UInt16, value: Float) {
        #expect(FloatDecoding.halfToFloat(bits).bitPattern == value.bitPattern)
    }
}
