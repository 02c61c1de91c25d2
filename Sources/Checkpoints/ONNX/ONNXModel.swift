import Foundation
import TensorCore

/// An ONNX model file read with our own protobuf decoder (no ONNX runtime): the parts of `onnx.ModelProto` we need,
/// ir_version(1), producer_name(2), producer_version(3), graph(7), opset_import(8) (domain 1, version 2), plus the
/// file bytes that tensor payloads point into. What the graph computes is left to whoever reads it.
public struct ONNXModel: Sendable {
    /// The file the model came from, for error messages.
    public let source: String
    let data: Data
    public internal(set) var irVersion: Int64 = 0
    public internal(set) var producer = ""
    public internal(set) var producerVersion = ""
    /// Version of the default ("" or "ai.onnx") operator set.
    public internal(set) var opset: Int64 = 0
    public internal(set) var graph = ONNXGraph()

    /// Reads the model file at `path`.
    public static func load(path: String) throws -> ONNXModel {
        return try parse(MappedFile.read(path), source: path)
    }

    /// Reads a model from its bytes; `source` names it in errors.
    public static func parse(_ data: Data, source: String) throws -> ONNXModel {
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

    /// The values of one of this model's tensors (an initializer or a Constant node's) as float32, checked
    /// against its dims. External data and non-float types are refused.
    public func floats(of tensor: ONNXTensor) throws -> [Float] {
        try tensor.floats(in: data, source: source)
    }
}
