import Foundation
import TensorCore

/// An ONNX model file read with our own protobuf decoder (no ONNX runtime): the parts of `onnx.ModelProto` we need,
/// ir_version(1), producer_name(2), producer_version(3), graph(7), opset_import(8) (domain 1, version 2), plus the
/// file bytes that tensor payloads point into.
public struct ONNXModel {
    let source: String
    let data: Data
    var irVersion: Int64 = 0
    var producer = ""
    var producerVersion = ""
    /// Version of the default ("" or "ai.onnx") operator set.
    var opset: Int64 = 0
    var graph = ONNXGraph()

    /// Reads an insightface / arcface_torch IResNet export (`w600k_r50.onnx`, `glintr100.onnx` style) and returns
    /// its weights under arcface_torch state_dict names; see `ONNXIResNetMapping` for the naming and metadata.
    public static func load(path: String) throws -> WeightStore {
        try ONNXIResNetMapping.map(read(path: path))
    }

    static func read(path: String) throws -> ONNXModel {
        return try parse(MappedFile.read(path), source: path)
    }

    static func parse(_ data: Data, source: String) throws -> ONNXModel {
        var model = ONNXModel(source: source, data: data)
        var reader = ProtobufReader(data: data, source: source)
        var sawGraph = false
        while let (field, wire) = try reader.nextField() {
            switch (field, wire) {
            case (1, .varint): model.irVersion = Int64(bitPattern: try reader.varint())
            case (2, .lengthDelimited): model.producer = try reader.string()
            case (3, .lengthDelimited): model.producerVersion = try reader.string()
            case (7, .lengthDelimited):
                var message = try reader.message()
                model.graph = try ONNXGraph.parse(&message)
                sawGraph = true
            case (8, .lengthDelimited):
                var message = try reader.message()
                var domain = ""
                var version: Int64 = 0
                while let (opsetField, opsetWire) = try message.nextField() {
                    switch (opsetField, opsetWire) {
                    case (1, .lengthDelimited): domain = try message.string()
                    case (2, .varint): version = Int64(bitPattern: try message.varint())
                    default: try message.skip(opsetWire)
                    }
                }
                if domain.isEmpty || domain == "ai.onnx" { model.opset = version }
            case (1, _), (2, _), (3, _), (7, _), (8, _):
                throw reader.error("ModelProto field \(field) has wire type \(wire.rawValue)")
            default: try reader.skip(wire)
            }
        }
        guard sawGraph else { throw FacetError(.badData, "\(source): not an ONNX model (no graph)") }
        if model.graph.hasSparseInitializers {
            throw FacetError(.unsupported, "\(source): sparse initializers are not supported")
        }
        return model
    }
}
