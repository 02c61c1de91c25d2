/// The parts of an `onnx.GraphProto` the importer reads: node(1), name(2), initializer(5), input(11), output(12).
/// Sparse initializers(15) are rejected when present.
public struct ONNXGraph: Sendable {
    /// In file order, which ONNX requires to be a topological order.
    public internal(set) var nodes: [ONNXNode] = []
    public internal(set) var name = ""
    public internal(set) var initializers: [ONNXTensor] = []
    /// Declared inputs; older exporters list the initializers here too.
    public internal(set) var inputs: [ONNXValueInfo] = []
    public internal(set) var outputs: [ONNXValueInfo] = []
    var hasSparseInitializers = false

    static func parse(_ reader: inout ProtobufReader) throws -> ONNXGraph {
        var graph = ONNXGraph()
        while let (field, wire) = try reader.nextField() {
            switch (field, wire) {
            case (1, .lengthDelimited):
                var message = try reader.message()
                graph.nodes.append(try ONNXNode.parse(&message))
            case (2, .lengthDelimited): graph.name = try reader.string()
            case (5, .lengthDelimited):
                var message = try reader.message()
                graph.initializers.append(try ONNXTensor.parse(&message))
            case (11, .lengthDelimited):
                var message = try reader.message()
                graph.inputs.append(try ONNXValueInfo.parse(&message))
            case (12, .lengthDelimited):
                var message = try reader.message()
                graph.outputs.append(try ONNXValueInfo.parse(&message))
            case (15, .lengthDelimited):
                graph.hasSparseInitializers = true
                try reader.skip(wire)
            case (1, _), (2, _), (5, _), (11, _), (12, _):
                throw reader.error("GraphProto field \(field) has wire type \(wire.rawValue)")
            default: try reader.skip(wire)
            }
        }
        return graph
    }
}
